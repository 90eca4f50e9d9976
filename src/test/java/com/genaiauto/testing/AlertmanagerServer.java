package com.genaiauto.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager} package) on a free loopback port,
 * without clustering, on a configuration the test gives, its data in a temporary directory.
 */
public final class AlertmanagerServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private AlertmanagerServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static AlertmanagerServer start(Path config) throws IOException {
        int port = FreePorts.find();
        Path data = Files.createTempDirectory("alertmanager-data-");
        Path log = Files.createTempFile("alertmanager-", ".log");
        Process process = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + config,
                "--storage.path=" + data, "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=",
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlertmanagerServer server = new AlertmanagerServer(process, port, log);
        server.awaitReady();
        return server;
    }

    /** Sends alerts as Prometheus does, each firing since now: label sets. */
    @SafeVarargs
    public final void fire(Map<String, String>... labelSets) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, String> labels : labelSets) {
            alerts.add(Map.of("labels", labels, "startsAt", Instant.now().toString(),
                    "generatorURL", "http://prometheus.test/graph"));
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(alerts))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Alertmanager answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /api/v2/alerts}: every alert with its status (active, suppressed and by what). */
    public JsonNode alerts() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/api/v2/alerts")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("alertmanager exited: " + log());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(url("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
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
        throw new IllegalStateException("alertmanager did not become ready: " + log());
    }
}
