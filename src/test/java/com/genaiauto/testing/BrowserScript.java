package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A browser test script under {@code src/test/js} (playwright-core driving Debian's chromium),
 * run with node; its output is streamed line by line into the test log.
 */
public final class BrowserScript {

    private static final Path DIRECTORY = Paths.get("src", "test", "js").toAbsolutePath();

    private BrowserScript() {
    }

    /** Where screenshots go: the named system property's folder, else {@code <build.dir>/<fallback>}. */
    public static Path screenshots(String property, String fallback) throws IOException {
        String chosen = System.getProperty(property);
        Path directory = chosen == null || chosen.isBlank()
                ? Paths.get(System.getProperty("build.dir", "target"), fallback)
                : Paths.get(chosen);
        return Files.createDirectories(directory.toAbsolutePath());
    }

    /** Runs {@code node <script> <arguments>} and returns its exit code; fails past {@code timeout}. */
    public static int run(String script, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        assertThat(DIRECTORY.resolve("node_modules").resolve("playwright-core"))
                .as("playwright-core is installed (npm ci --prefix src/test/js, as scripts/provision does)").isDirectory();
        assertThat(Paths.get("/usr/bin/chromium")).as("Debian's chromium (scripts/provision installs it)").isExecutable();
        List<String> command = new ArrayList<>(List.of("node", DIRECTORY.resolve(script).toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, script + "-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(5_000);
            throw new AssertionError("node " + script + " did not finish within " + timeout);
        }
        pump.join(5_000);
        return process.exitValue();
    }
}
