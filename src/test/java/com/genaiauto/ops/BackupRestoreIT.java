package com.genaiauto.ops;

import com.genaiauto.testing.ServedJar;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * scripts/backup and scripts/restore for real: data made through the API of the packaged jar is
 * backed up, the database is lost and recreated empty, the backup is restored, and every table
 * has the same rows as before — and the service runs on the restored database.
 */
@DisplayName("Backup and restore scripts")
class BackupRestoreIT {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static final List<Accounts.Session> OWNERS = new ArrayList<>();

    @BeforeAll
    static void seedThroughTheApi() throws Exception {
        try (ServedJar app = ServedJar.start(DATABASE, REDIS, Map.of())) {
            Api api = app.api();
            Accounts accounts = new Accounts(api);
            Accounts.Session admin = accounts.admin();
            for (int i = 0; i < 3; i++) {
                Accounts.Session owner = accounts.aCustomer().register();
                owner.aVehicle().create();
                OWNERS.add(owner);
            }
            assertThat(api.post("/api/v1/auth/api-keys", Map.of("name", "backup test"), admin.accessToken()).status())
                    .isEqualTo(201);
        }
    }

    static Map<String, String> connection() {
        return connection(DATABASE);
    }

    /** The database to back up or restore into, and a metrics directory of the test's own. */
    static Map<String, String> connection(TestDatabase database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("POSTGRES_USER", TestDatabase.USER);
        environment.put("POSTGRES_PASSWORD", TestDatabase.PASSWORD);
        environment.put("BACKUP_METRICS_DIR", temporaryDirectory("backup-metrics-").toString());
        return environment;
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path scripts/backup prints last on stdout. */
    static Path printedBackup(Processes.Result backup) {
        return Path.of(backup.output().lines().filter(line -> line.startsWith("/"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no path in " + backup)));
    }

    /** The samples of a file in the Prometheus text format, by series as written. */
    static Map<String, Double> samples(Path file) throws IOException {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int split = line.lastIndexOf(' ');
                samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
            }
        }
        return samples;
    }

    static final String LOCAL_TIME = "genai_backup_last_success_timestamp_seconds{target=\"local\"}";
    static final String REMOTE_TIME = "genai_backup_last_success_timestamp_seconds{target=\"remote\"}";

    static Processes.Result script(String name, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + name));
        command.addAll(List.of(arguments));
        return Processes.run(command, null, environment, Duration.ofMinutes(3));
    }

    static Map<String, String> fingerprint() throws SQLException {
        return fingerprint(DATABASE);
    }

    /** Row count and an order-independent checksum of every table of the application schema. */
    static Map<String, String> fingerprint(TestDatabase database) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|' "
                        + "ORDER BY t::text)), '') FROM \"" + table + "\" t")) {
                    rs.next();
                    tables.put(table, rs.getLong(1) + " rows " + rs.getString(2));
                }
            }
        }
        return tables;
    }

    static void loseAndRecreateTheDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.HOST + ":"
                + TestDatabase.PORT + "/postgres", TestDatabase.USER, TestDatabase.PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + DATABASE.name() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE.name());
        }
    }

    static List<Path> backups(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Nested
    @DisplayName("a full cycle")
    class Cycle {

        @Test
        void shouldRestoreEveryRowOfEveryTableAfterTheDatabaseIsLost() throws Exception {
            Map<String, String> before = fingerprint();
            assertThat(before).containsKeys("users", "customers", "vehicles", "audit_log", "api_keys",
                    "flyway_schema_history");
            assertThat(before.get("vehicles")).startsWith("3 rows");
            Path dir = Files.createTempDirectory("backups-");
            Map<String, String> environment = connection();
            environment.put("BACKUP_DIR", dir.toString());

            Processes.Result backup = script("backup", environment);

            assertThat(backup.succeeded()).as(backup.toString()).isTrue();
            Path file = Path.of(backup.output().lines().reduce((first, second) -> second).orElseThrow());
            assertThat(file.getFileName().toString()).matches(DATABASE.name() + "-\\d{8}T\\d{6}Z\\.dump");
            assertThat(backups(dir)).containsExactly(file);
            Processes.Result listing = Processes.run(List.of("pg_restore", "--list", file.toString()));
            assertThat(listing.output()).contains("Format: CUSTOM").containsPattern("Compression: (-1|[1-9]|gzip)");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            loseAndRecreateTheDatabase();
            assertThat(fingerprint()).isEmpty();

            Processes.Result restore = script("restore", environment, "--yes", file.toString());

            assertThat(restore.succeeded()).as(restore.toString()).isTrue();
            assertThat(fingerprint()).isEqualTo(before);

            // Restoring twice is harmless: the restored objects are replaced, not duplicated.
            Processes.Result again = script("restore", environment, "--yes", file.toString());
            assertThat(again.succeeded()).as(again.toString()).isTrue();
            assertThat(fingerprint()).isEqualTo(before);

            // The service starts on the restored database and its users can sign in.
            try (ServedJar app = ServedJar.start(DATABASE, REDIS, Map.of("MIGRATE_ON_START", "false"))) {
                Accounts.Session owner = OWNERS.get(0);
                Api.Reply login = app.api().post("/api/v1/auth/login",
                        Map.of("email", owner.email(), "password", owner.password()), null);
                assertThat(login.status()).as(login.toString()).isEqualTo(200);
                Api.Reply vehicles = app.api().get("/api/v1/vehicles", login.field("accessToken"));
                assertThat(vehicles.json().path("total").asInt()).isEqualTo(1);
            }
        }
    }

    @Nested
    @DisplayName("backup")
    class Backup {

        @Test
        void shouldAcceptAPostgresqlUrlWithCredentials() throws Exception {
            Path dir = Files.createTempDirectory("backups-");
            Map<String, String> environment = Map.of("BACKUP_DIR", dir.toString(),
                    "DATABASE_URL", "postgresql://" + TestDatabase.USER + ":" + TestDatabase.PASSWORD + "@"
                            + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + DATABASE.name(),
                    "POSTGRES_USER", "nobody", "POSTGRES_PASSWORD", "wrong",
                    "BACKUP_METRICS_DIR", temporaryDirectory("backup-metrics-").toString());

            Processes.Result backup = script("backup", environment);

            assertThat(backup.succeeded()).as(backup.toString()).isTrue();
            assertThat(backups(dir)).hasSize(1);
        }

        @Test
        void shouldKeepTheNewestBackupsAndDropThoseTooOld() throws Exception {
            Path dir = Files.createTempDirectory("backups-");
            Instant now = Instant.now();
            List<Path> old = new ArrayList<>();
            for (int day = 1; day <= 5; day++) {
                Path file = dir.resolve(DATABASE.name() + "-2026010" + day + "T020000Z.dump");
                Files.writeString(file, "older backup");
                Files.setLastModifiedTime(file, FileTime.from(now.minus(day * 2L, ChronoUnit.DAYS)));
                old.add(file);
            }
            Path otherDatabase = Files.writeString(dir.resolve("other_db-20260101T020000Z.dump"), "not ours");
            Files.setLastModifiedTime(otherDatabase, FileTime.from(now.minus(90, ChronoUnit.DAYS)));
            Map<String, String> environment = connection();
            environment.put("BACKUP_DIR", dir.toString());
            environment.put("BACKUP_KEEP", "4");
            environment.put("BACKUP_MAX_AGE_DAYS", "5");

            Processes.Result backup = script("backup", environment);

            assertThat(backup.succeeded()).as(backup.toString()).isTrue();
            Path fresh = Path.of(backup.output().lines().reduce((first, second) -> second).orElseThrow());
            // Ages 2 and 4 days are within both rules; 6 days is too old; 8 and 10 are beyond the count.
            assertThat(backups(dir)).containsExactlyInAnyOrder(fresh, old.get(0), old.get(1), otherDatabase);
        }

        @Test
        void shouldRecordTheTimeAndSizeOfTheBackupForMonitoring() throws Exception {
            Path dir = Files.createTempDirectory("backups-");
            Map<String, String> environment = connection();
            environment.put("BACKUP_DIR", dir.toString());
            Path metrics = Path.of(environment.get("BACKUP_METRICS_DIR"));
            // Left by an earlier configuration that copied backups off the machine.
            Files.writeString(metrics.resolve("backup.prom"), REMOTE_TIME + " 1000\n");
            long start = Instant.now().getEpochSecond();

            Processes.Result backup = script("backup", environment);

            assertThat(backup.succeeded()).as(backup.toString()).isTrue();
            Path file = printedBackup(backup);
            Path written = metrics.resolve("backup.prom");
            Map<String, Double> samples = samples(written);
            // No repository now: no remote time that would age into an alert.
            assertThat(samples).containsOnlyKeys(LOCAL_TIME, "genai_backup_size_bytes", "genai_backup_remote_configured");
            assertThat(samples.get(LOCAL_TIME)).isBetween((double) start, (double) Instant.now().getEpochSecond());
            assertThat(samples.get("genai_backup_size_bytes")).isEqualTo((double) Files.size(file));
            assertThat(samples.get("genai_backup_remote_configured")).isZero();
            // Readable by node_exporter's own user; the file was replaced whole, no temporary left.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-r--r--");
            assertThat(backups(metrics)).containsExactly(written);
            Processes.Result lint = Processes.run(List.of("promtool", "check", "metrics"), Files.readString(written),
                    Map.of(), Duration.ofSeconds(30));
            assertThat(lint.succeeded()).as(lint.toString()).isTrue();
        }

        @Test
        void shouldFailWithoutLeavingAPartialFileWhenTheDatabaseIsUnreachable() throws Exception {
            Path dir = Files.createTempDirectory("backups-");
            Map<String, String> environment = connection();
            environment.put("BACKUP_DIR", dir.toString());
            environment.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/" + DATABASE.name());

            Processes.Result backup = script("backup", environment);

            assertThat(backup.succeeded()).isFalse();
            assertThat(backups(dir)).isEmpty();
            // No success to record: the time of the last good backup stays what it was.
            assertThat(backups(Path.of(environment.get("BACKUP_METRICS_DIR")))).isEmpty();
        }
    }

    @Nested
    @DisplayName("restore")
    class Restore {

        @Test
        void shouldRefuseWithoutConfirmation() throws Exception {
            Path file = Files.writeString(Files.createTempFile("backup-", ".dump"), "whatever");

            Processes.Result restore = script("restore", connection(), file.toString());

            assertThat(restore.succeeded()).isFalse();
            assertThat(restore.output()).contains("pass --yes");
        }

        @Test
        void shouldRefuseAFileThatIsNotABackup() throws Exception {
            Path file = Files.writeString(Files.createTempFile("backup-", ".dump"), "not a dump");
            Map<String, String> before = fingerprint();

            Processes.Result restore = script("restore", connection(), "--yes", file.toString());

            assertThat(restore.succeeded()).isFalse();
            assertThat(restore.output()).contains("not a pg_dump custom-format backup");
            assertThat(fingerprint()).isEqualTo(before);
        }
    }
}
