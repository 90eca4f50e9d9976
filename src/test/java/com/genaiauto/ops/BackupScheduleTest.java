package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The nightly backup as shipped in deploy/systemd and deploy/cron: the files start scripts that
 * exist in the checkout with options those scripts accept, at the same time of night, and
 * systemd's own checker accepts the units.
 */
@DisplayName("Backup schedule: systemd units and cron file")
class BackupScheduleTest {

    /** Where the README installs the checkout; the files refer to it. */
    static final String INSTALLED = "/opt/genai-auto";
    static final Path SERVICE = Path.of("deploy", "systemd", "genai-auto-backup.service");
    static final Path TIMER = Path.of("deploy", "systemd", "genai-auto-backup.timer");
    static final Path CRON = Path.of("deploy", "cron", "genai-auto-backup");

    /** The settings of one section of a unit file, in order; a key may repeat (EnvironmentFile). */
    static List<String> settings(Path unit, String section, String key) throws IOException {
        List<String> values = new ArrayList<>();
        String current = "";
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (current.equals(section) && trimmed.startsWith(key + "=")) {
                values.add(trimmed.substring(key.length() + 1));
            }
        }
        return values;
    }

    static String setting(Path unit, String section, String key) throws IOException {
        List<String> values = settings(unit, section, key);
        assertThat(values).as("one %s in [%s] of %s", key, section, unit).hasSize(1);
        return values.get(0);
    }

    /** A path of the installed checkout as the path of this checkout. */
    static Path inCheckout(String installed) {
        assertThat(installed).as("a path of the checkout").startsWith(INSTALLED + "/");
        return Path.of(installed.substring(INSTALLED.length() + 1));
    }

    /** The options a script's argument loop accepts ({@code --compose) ...}). */
    static List<String> options(Path script) throws IOException {
        List<String> options = new ArrayList<>();
        Matcher option = Pattern.compile("(?m)^\\s+((?:-[-a-z]+\\|?)+)\\)").matcher(Files.readString(script));
        while (option.find()) {
            options.addAll(List.of(option.group(1).split("\\|")));
        }
        return options;
    }

    static void assertRunnableBackup(String commandLine) throws IOException {
        List<String> words = List.of(commandLine.strip().split("\\s+"));
        Path script = words.get(0).startsWith("/") ? inCheckout(words.get(0)) : Path.of(words.get(0));
        assertThat(script).as(commandLine).isEqualTo(Path.of("scripts", "backup"));
        assertThat(script).exists();
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        assertThat(options(script)).contains("--compose", "--env-file").containsAll(words.subList(1, words.size()));
    }

    @Nested
    @DisplayName("the service")
    class Service {

        @Test
        void shouldRunTheBackupScriptOfTheCheckoutAgainstTheComposeStack() throws IOException {
            assertThat(setting(SERVICE, "Service", "Type")).isEqualTo("oneshot");
            assertThat(setting(SERVICE, "Service", "WorkingDirectory")).isEqualTo(INSTALLED);
            String exec = setting(SERVICE, "Service", "ExecStart");
            assertThat(exec).endsWith(" --compose");

            assertRunnableBackup(exec);
        }

        @Test
        void shouldReadTheStackSettingsAndTheOptionalSecretsOfTheRemoteCopy() throws IOException {
            List<String> files = settings(SERVICE, "Service", "EnvironmentFile");

            // .env is the operator's copy of .env.example; backup.env may be absent ("-").
            assertThat(files).containsExactly(INSTALLED + "/.env", "-/etc/genai-auto/backup.env");
            assertThat(Path.of(".env.example")).exists();
            String restic = setting(SERVICE, "Service", "Environment");
            assertThat(restic).startsWith("RESTIC_CACHE_DIR=/var/cache/");
            assertThat(restic).endsWith("/" + setting(SERVICE, "Service", "CacheDirectory"));
        }

        @Test
        void shouldWaitForDockerAndTheNetwork() throws IOException {
            assertThat(setting(SERVICE, "Unit", "After")).contains("docker.service", "network-online.target");
            assertThat(setting(SERVICE, "Unit", "Wants")).contains("network-online.target");
        }
    }

    @Nested
    @DisplayName("the timer")
    class Timer {

        @Test
        void shouldStartTheServiceOfItsNameEveryNightAndCatchUpAMissedNight() throws IOException {
            assertThat(settings(TIMER, "Timer", "Unit")).as("the timer starts the service of its own name").isEmpty();
            assertThat(TIMER.resolveSibling(TIMER.getFileName().toString().replace(".timer", ".service"))).exists();
            assertThat(setting(TIMER, "Timer", "OnCalendar")).isEqualTo("*-*-* 02:15:00 UTC");
            assertThat(setting(TIMER, "Timer", "Persistent")).isEqualTo("true");
            assertThat(setting(TIMER, "Install", "WantedBy")).isEqualTo("timers.target");
        }
    }

    @Nested
    @DisplayName("the cron file")
    class Cron {

        @Test
        void shouldRunTheSameBackupAtTheSameTimeAsTheTimer() throws IOException {
            List<String> jobs = Files.readAllLines(CRON).stream()
                    .filter(line -> line.matches("^[0-9*].*")).toList();
            assertThat(jobs).hasSize(1);
            String[] fields = jobs.get(0).split("\\s+", 7);

            // /etc/cron.d format: minute hour day month weekday user command.
            assertThat(List.of(fields).subList(0, 6)).containsExactly("15", "2", "*", "*", "*", "root");
            assertThat(setting(TIMER, "Timer", "OnCalendar")).contains(" 02:15:00 ");
            String command = fields[6];
            assertThat(command).startsWith("cd " + INSTALLED + " && ").contains(". ./.env", "/etc/genai-auto/backup.env");
            Matcher backup = Pattern.compile("(scripts/backup[^>&|;]*)").matcher(command);
            assertThat(backup.find()).as(command).isTrue();
            assertRunnableBackup(backup.group(1));
        }
    }

    @Nested
    @DisplayName("with systemd-analyze")
    class Analyze {

        @Test
        void shouldPassSystemdAnalyzeVerifyWithoutWarnings() throws IOException {
            // The units as installed with this checkout in place of /opt/genai-auto.
            Path dir = Files.createTempDirectory("systemd-units-");
            Map<Path, Path> units = new LinkedHashMap<>();
            for (Path unit : List.of(SERVICE, TIMER)) {
                Path copy = dir.resolve(unit.getFileName());
                Files.writeString(copy, Files.readString(unit).replace(INSTALLED, Path.of("").toAbsolutePath().toString()));
                units.put(unit, copy);
            }
            List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
            units.values().forEach(copy -> command.add(copy.toString()));

            Processes.Result verify = Processes.run(command, null, Map.of(), Duration.ofSeconds(30), dir);

            assertThat(verify.succeeded()).as(verify.toString()).isTrue();
            // Unknown keys and unparsable values are only warnings to systemd: none is allowed here.
            assertThat(verify.output()).as(verify.toString()).doesNotContain("Unknown", "ignoring", "Failed");
        }
    }
}
