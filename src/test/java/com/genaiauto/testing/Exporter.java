package com.genaiauto.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real Prometheus exporter (Debian's {@code prometheus-node-exporter},
 * {@code prometheus-postgres-exporter} or {@code prometheus-redis-exporter}) on a free loopback
 * port, configured as docker-compose.metrics.yml configures its image; stopped by {@link #stop()}.
 */
public final class Exporter {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private Exporter(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The machine's metrics, and those of the {@code *.prom} files in {@code textfileDirectory}. */
    public static Exporter node(Path textfileDirectory) {
        int port = FreePorts.find();
        return start("prometheus-node-exporter", port, Map.of(), List.of("--web.listen-address=127.0.0.1:" + port,
                "--collector.textfile.directory=" + textfileDirectory));
    }

    /** PostgreSQL's metrics, with the credentials given as the compose overlay gives them. */
    public static Exporter postgres(String host, int databasePort, String database, String user, String password) {
        int port = FreePorts.find();
        return start("prometheus-postgres-exporter", port, Map.of(
                        "DATA_SOURCE_URI", host + ":" + databasePort + "/" + database + "?sslmode=disable",
                        "DATA_SOURCE_USER", user, "DATA_SOURCE_PASS", password),
                List.of("--web.listen-address=127.0.0.1:" + port));
    }

    /** Redis's metrics, address and password given as the compose overlay gives them. */
    public static Exporter redis(String address, String password) {
        int port = FreePorts.find();
        return start("prometheus-redis-exporter", port, Map.of("REDIS_ADDR", address, "REDIS_PASSWORD", password),
                List.of("-web.listen-address", "127.0.0.1:" + port));
    }

    private static Exporter start(String binary, int port, Map<String, String> environment, List<String> arguments) {
        try {
            Path log = Files.createTempFile(binary + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(concat(binary, arguments)).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Exporter exporter = new Exporter(binary, builder.start(), port, log);
            exporter.awaitReady();
            return exporter;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + " (run scripts/provision first)", e);
        }
    }

    private static List<String> concat(String binary, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(binary);
        command.addAll(arguments);
        return command;
    }

    /** host:port for a scrape configuration. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code GET /metrics}: the text format. */
    public String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(name + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not answer; log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The metric names of the samples of a scrape in the text format. */
    public static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    public void stop() {
        Processes.stop(process);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + log());
            }
            try {
                // The landing page: the first scrape of /metrics is the test's.
                HttpResponse<Void> landing = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (landing.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException(name + " did not start serving: " + log());
    }
}
