package com.genaiauto.ops;

import static com.genaiauto.ops.BackupRestoreIT.LOCAL_TIME;
import static com.genaiauto.ops.BackupRestoreIT.REMOTE_TIME;
import static com.genaiauto.ops.BackupRestoreIT.backups;
import static com.genaiauto.ops.BackupRestoreIT.connection;
import static com.genaiauto.ops.BackupRestoreIT.fingerprint;
import static com.genaiauto.ops.BackupRestoreIT.printedBackup;
import static com.genaiauto.ops.BackupRestoreIT.samples;
import static com.genaiauto.ops.BackupRestoreIT.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.NodeExporter;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.PrometheusServer;
import com.genaiauto.testing.ResticRestServer;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Vins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backups that survive the machine, for real: scripts/backup copies the dump with restic into a
 * repository served by a separate process ({@code rclone serve restic} on loopback, standing in
 * for the remote end), encrypted; the restore drill fetches it back with scripts/restore
 * --from-remote into a new, empty database and compares every table row by row.
 */
@DisplayName("Backups copied off the machine with restic")
class BackupOffsiteIT {

    static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static Accounts.Session owner;
    static String vin;

    @BeforeAll
    static void seedThroughTheApi() throws Exception {
        try (ServedJar app = ServedJar.start(DATABASE, REDIS, Map.of())) {
            Accounts accounts = new Accounts(app.api());
            owner = accounts.aCustomer().register();
            vin = Vins.random();
            owner.aVehicle().withVin(vin).create();
            accounts.aCustomer().register().aVehicle().create();
        }
    }

    /** The source database, a local backup directory and the repository of {@code remote}. */
    static Map<String, String> environment(ResticRestServer remote) throws IOException {
        Map<String, String> environment = connection(DATABASE);
        environment.put("BACKUP_DIR", Files.createTempDirectory("backups-").toString());
        environment.put("RESTIC_REPOSITORY", remote.repository());
        environment.put("RESTIC_PASSWORD", PASSWORD);
        environment.put("RESTIC_CACHE_DIR", Files.createTempDirectory("restic-cache-").toString());
        return environment;
    }

    /** The same settings, restoring into {@code target}. */
    static Map<String, String> restoringInto(TestDatabase target, Map<String, String> backupEnvironment) {
        Map<String, String> environment = connection(target);
        for (String name : List.of("RESTIC_REPOSITORY", "RESTIC_PASSWORD", "RESTIC_CACHE_DIR")) {
            environment.put(name, backupEnvironment.get(name));
        }
        return environment;
    }

    static Processes.Result backup(Map<String, String> environment) {
        return script("backup", environment);
    }

    /** The snapshots restic itself lists in the repository, newest last. */
    static JsonNode snapshots(Map<String, String> environment) throws IOException {
        Processes.Result list = Processes.run(List.of("restic", "snapshots", "--json", "--tag", "genai-auto"), null,
                environment, Duration.ofMinutes(1));
        assertThat(list.succeeded()).as(list.toString()).isTrue();
        return Api.JSON.readTree(list.output().lines().filter(line -> line.startsWith("[")).findFirst().orElseThrow());
    }

    static Map<String, Double> metrics(Map<String, String> environment) throws IOException {
        return samples(Path.of(environment.get("BACKUP_METRICS_DIR"), "backup.prom"));
    }

    static boolean contains(Path file, String text) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Nested
    @DisplayName("the restore drill")
    class Drill {

        @Test
        void shouldRestoreIntoAnEmptyDatabaseFromTheEncryptedRemoteCopyAlone() throws Exception {
            Map<String, String> before = fingerprint(DATABASE);
            assertThat(before.get("users")).doesNotStartWith("0 rows");
            assertThat(before.get("vehicles")).startsWith("2 rows");
            TestDatabase target = TestDatabase.create();
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                // Uncompressed, so that the local dump shows the rows in plain text: the check that
                // the repository does not is then a real one.
                environment.put("BACKUP_COMPRESSION", "0");
                long start = Instant.now().getEpochSecond();

                Processes.Result backup = backup(environment);

                assertThat(backup.succeeded()).as(backup.toString()).isTrue();
                assertThat(backup.output()).contains("created the restic repository at " + remote.repository());
                Path dump = printedBackup(backup);
                assertThat(contains(dump, owner.email())).as("the local dump holds the e-mail in plain text").isTrue();
                assertThat(contains(dump, vin)).isTrue();

                JsonNode snapshots = snapshots(environment);
                assertThat(snapshots).hasSize(1);
                assertThat(snapshots.get(0).path("paths").get(0).asText()).isEqualTo("/" + dump.getFileName());

                // What the remote end stores is encrypted: no row of the database can be read there.
                List<Path> stored = filesUnder(remote.directory());
                assertThat(stored).anySatisfy(file -> assertThat(remote.directory().relativize(file).toString()).startsWith("data/"));
                for (Path file : stored) {
                    assertThat(contains(file, owner.email())).as("%s holds the e-mail in plain text", file).isFalse();
                    assertThat(contains(file, vin)).as("%s holds the VIN in plain text", file).isFalse();
                    assertThat(contains(file, "CREATE TABLE")).as("%s holds the schema in plain text", file).isFalse();
                }

                Map<String, Double> metrics = metrics(environment);
                long end = Instant.now().getEpochSecond();
                assertThat(metrics.get(LOCAL_TIME)).isBetween((double) start, (double) end);
                assertThat(metrics.get(REMOTE_TIME)).isBetween(metrics.get(LOCAL_TIME), (double) end);
                assertThat(metrics.get("genai_backup_size_bytes")).isEqualTo((double) Files.size(dump));
                assertThat(metrics.get("genai_backup_remote_configured")).isEqualTo(1.0);

                // The machine is lost: no local backup is left, the new database is empty.
                Files.delete(dump);
                assertThat(fingerprint(target)).isEmpty();

                Processes.Result restore = script("restore", restoringInto(target, environment),
                        "--yes", "--from-remote", "latest");

                assertThat(restore.succeeded()).as(restore.toString()).isTrue();
                assertThat(restore.output()).contains("fetched " + dump.getFileName());
                assertThat(fingerprint(target)).isEqualTo(before);
                // The service runs on the restored database and its users sign in.
                try (ServedJar app = ServedJar.start(target, REDIS, Map.of("MIGRATE_ON_START", "false"))) {
                    Api.Reply login = app.api().post("/api/v1/auth/login",
                            Map.of("email", owner.email(), "password", owner.password()), null);
                    assertThat(login.status()).as(login.toString()).isEqualTo(200);
                    Api.Reply vehicles = app.api().get("/api/v1/vehicles", login.field("accessToken"));
                    assertThat(vehicles.text()).contains(vin);
                }
            } finally {
                target.drop();
            }
        }

        @Test
        void shouldRestoreTheSnapshotGivenByItsId() throws Exception {
            TestDatabase target = TestDatabase.create();
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                assertThat(backup(environment).succeeded()).isTrue();
                String id = snapshots(environment).get(0).path("short_id").asText();
                assertThat(id).matches("[0-9a-f]{8}");

                Processes.Result restore = script("restore", restoringInto(target, environment), "--yes", "--from-remote", id);

                assertThat(restore.succeeded()).as(restore.toString()).isTrue();
                assertThat(fingerprint(target)).isEqualTo(fingerprint(DATABASE));

                Processes.Result unknown = script("restore", restoringInto(target, environment), "--yes",
                        "--from-remote", "0123abcd");
                assertThat(unknown.succeeded()).isFalse();
                assertThat(unknown.output()).contains("cannot restore snapshot 0123abcd", "no such snapshot");
            } finally {
                target.drop();
            }
        }

        @Test
        void shouldRefuseAWrongPasswordWithAClearMessageAndLeaveTheDatabaseAlone() throws Exception {
            TestDatabase target = TestDatabase.create();
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                assertThat(backup(environment).succeeded()).isTrue();
                Map<String, String> wrong = restoringInto(target, environment);
                wrong.put("RESTIC_PASSWORD", "not the password");

                Processes.Result restore = script("restore", wrong, "--yes", "--from-remote", "latest");

                assertThat(restore.exitCode()).isNotZero();
                assertThat(restore.output()).contains("cannot restore snapshot latest from " + remote.repository()
                        + ": wrong RESTIC_PASSWORD");
                assertThat(fingerprint(target)).isEmpty();
            } finally {
                target.drop();
            }
        }

        @Test
        void shouldRefuseWithoutARepository() throws Exception {
            Map<String, String> environment = connection(DATABASE);

            Processes.Result restore = script("restore", environment, "--yes", "--from-remote", "latest");

            assertThat(restore.succeeded()).isFalse();
            assertThat(restore.output()).contains("RESTIC_REPOSITORY is not set");
        }
    }

    @Nested
    @DisplayName("the copy")
    class Copy {

        @Test
        void shouldFailButKeepTheLocalDumpAndTheLastRemoteTimeWhenTheRemoteIsDown() throws Exception {
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                Processes.Result first = backup(environment);
                assertThat(first.succeeded()).as(first.toString()).isTrue();
                double remoteTime = metrics(environment).get(REMOTE_TIME);
                remote.stop();
                // A new second, so that the second dump gets a name of its own.
                Thread.sleep(1100);
                long start = Instant.now().getEpochSecond();

                Processes.Result second = backup(environment);

                assertThat(second.exitCode()).as(second.toString()).isNotZero();
                assertThat(second.output()).contains("the repository cannot be reached",
                        "the copy to " + remote.repository() + " FAILED; the local backup");
                Path dump = printedBackup(second);
                assertThat(backups(Path.of(environment.get("BACKUP_DIR")))).containsExactly(printedBackup(first), dump);
                Processes.Result listing = Processes.run(List.of("pg_restore", "--list", dump.toString()));
                assertThat(listing.succeeded()).as(listing.toString()).isTrue();
                Map<String, Double> metrics = metrics(environment);
                assertThat(metrics.get(LOCAL_TIME)).isGreaterThanOrEqualTo(start);
                assertThat(metrics.get(REMOTE_TIME)).as("the time of the last copy that worked").isEqualTo(remoteTime);
                assertThat(metrics.get("genai_backup_remote_configured")).isEqualTo(1.0);
            }
        }

        @Test
        void shouldNotTouchAnExistingRepositoryWithTheWrongPassword() throws Exception {
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                assertThat(backup(environment).succeeded()).isTrue();
                List<Path> before = filesUnder(remote.directory());
                double remoteTime = metrics(environment).get(REMOTE_TIME);
                environment.put("RESTIC_PASSWORD", "not the password");
                Thread.sleep(1100);

                Processes.Result backup = backup(environment);

                assertThat(backup.exitCode()).isNotZero();
                assertThat(backup.output()).contains("wrong RESTIC_PASSWORD").doesNotContain("created the restic repository");
                assertThat(backups(Path.of(environment.get("BACKUP_DIR")))).hasSize(2).contains(printedBackup(backup));
                assertThat(filesUnder(remote.directory())).containsExactlyInAnyOrderElementsOf(before);
                assertThat(metrics(environment).get(REMOTE_TIME)).isEqualTo(remoteTime);
            }
        }

        @Test
        void shouldReadThePasswordFromAFile() throws Exception {
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                environment.remove("RESTIC_PASSWORD");
                Path file = Files.writeString(Files.createTempFile("restic-password-", ""), PASSWORD + "\n");
                environment.put("RESTIC_PASSWORD_FILE", file.toString());

                Processes.Result backup = backup(environment);

                assertThat(backup.succeeded()).as(backup.toString()).isTrue();
                environment.remove("RESTIC_PASSWORD_FILE");
                environment.put("RESTIC_PASSWORD", PASSWORD);
                assertThat(snapshots(environment)).hasSize(1);
            }
        }

        @Test
        void shouldKeepOnlyWhatTheRetentionPolicyKeeps() throws Exception {
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                environment.put("BACKUP_REMOTE_KEEP_DAILY", "1");
                environment.put("BACKUP_REMOTE_KEEP_WEEKLY", "0");
                environment.put("BACKUP_REMOTE_KEEP_MONTHLY", "0");
                List<Path> dumps = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Processes.Result backup = backup(environment);
                    assertThat(backup.succeeded()).as(backup.toString()).isTrue();
                    assertThat(backup.output()).contains("retention applied (--keep-daily 1)");
                    dumps.add(printedBackup(backup));
                    // One dump name per second.
                    Thread.sleep(1100);
                }

                // Three dumps today; one a day is kept: the newest.
                JsonNode snapshots = snapshots(environment);
                assertThat(snapshots).hasSize(1);
                assertThat(snapshots.get(0).path("paths").get(0).asText()).isEqualTo("/" + dumps.get(2).getFileName());
                // Locally, BACKUP_KEEP rules: all three stay.
                assertThat(backups(Path.of(environment.get("BACKUP_DIR")))).containsExactlyElementsOf(dumps);
            }
        }

        @Test
        void shouldKeepEverySnapshotWhenNoRuleIsSet() throws Exception {
            try (ResticRestServer remote = ResticRestServer.start()) {
                Map<String, String> environment = environment(remote);
                for (String rule : List.of("DAILY", "WEEKLY", "MONTHLY")) {
                    environment.put("BACKUP_REMOTE_KEEP_" + rule, "0");
                }
                for (int i = 0; i < 2; i++) {
                    Processes.Result backup = backup(environment);
                    assertThat(backup.succeeded()).as(backup.toString()).isTrue();
                    Thread.sleep(1100);
                }

                assertThat(snapshots(environment)).hasSize(2);
            }
        }
    }

    @Nested
    @DisplayName("monitoring through node_exporter and the production rules")
    class Monitoring {

        static Path prometheusConfig(NodeExporter exporter) throws IOException {
            Path dir = Files.createTempDirectory("prometheus-backups-");
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s
                    scrape_configs:
                      - job_name: node
                        static_configs:
                          - targets: ['%s']
                    """.formatted(Path.of("monitoring", "rules", "genai-auto.yml").toAbsolutePath(), exporter.address()));
            return config;
        }

        @Test
        void shouldWarnThatNoCopyLeftTheMachineUntilOneDoes() throws Exception {
            Map<String, String> environment = connection(DATABASE);
            environment.put("BACKUP_DIR", Files.createTempDirectory("backups-").toString());
            // Nothing listens there: the first copy fails.
            environment.put("RESTIC_REPOSITORY", "rest:http://127.0.0.1:" + FreePorts.find() + "/");
            environment.put("RESTIC_PASSWORD", PASSWORD);
            environment.put("RESTIC_CACHE_DIR", Files.createTempDirectory("restic-cache-").toString());
            assertThat(backup(environment).exitCode()).isNotZero();

            try (NodeExporter exporter = NodeExporter.start(Path.of(environment.get("BACKUP_METRICS_DIR")))) {
                assertThat(exporter.scrape()).contains("genai_backup_remote_configured 1", "node_textfile_scrape_error 0");
                PrometheusServer prometheus = PrometheusServer.start(prometheusConfig(exporter));
                try {
                    String missing = "ALERTS{alertname=\"GenAiAutoBackupRemoteMissing\"}";
                    JsonNode alerts = prometheus.await(() -> prometheus.query(missing), result -> result.size() > 0,
                            Duration.ofSeconds(30));

                    JsonNode alert = alerts.get(0).path("metric");
                    assertThat(alerts).hasSize(1);
                    // Pending: the rule waits 15 minutes before it fires.
                    assertThat(alert.path("alertstate").asText()).isEqualTo("pending");
                    assertThat(alert.path("instance").asText()).isEqualTo(exporter.address());
                    assertThat(alert.path("severity").asText()).isEqualTo("warning");
                    // The local backup is fresh and not reported.
                    JsonNode age = prometheus.query("time() - genai_backup_last_success_timestamp_seconds{target=\"local\"}");
                    assertThat(age).hasSize(1);
                    assertThat(age.get(0).path("value").get(1).asDouble()).isBetween(0.0, 300.0);
                    assertThat(prometheus.query("ALERTS{alertname=\"GenAiAutoBackupTooOld\"}")).isEmpty();

                    try (ResticRestServer remote = ResticRestServer.start()) {
                        environment.put("RESTIC_REPOSITORY", remote.repository());
                        Thread.sleep(1100);
                        Processes.Result copied = backup(environment);
                        assertThat(copied.succeeded()).as(copied.toString()).isTrue();

                        prometheus.await(() -> prometheus.query(missing), JsonNode::isEmpty, Duration.ofSeconds(30));
                        assertThat(prometheus.query("genai_backup_last_success_timestamp_seconds{target=\"remote\"}"))
                                .hasSize(1);
                        assertThat(prometheus.query("ALERTS{alertname=\"GenAiAutoBackupTooOld\"}")).isEmpty();
                    }
                } finally {
                    prometheus.stop();
                }
            }
        }
    }
}
