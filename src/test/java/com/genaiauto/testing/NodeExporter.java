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

/**
 * A real node_exporter (Debian's {@code prometheus-node-exporter} package) on a free loopback
 * port with only its textfile collector, reading the {@code *.prom} files of one directory.
 * Stopped by {@link #close()}.
 */
public final class NodeExporter implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private NodeExporter(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static NodeExporter start(Path textfileDirectory) throws IOException {
        int port = FreePorts.find();
        Path log = Files.createTempFile("node-exporter-", ".log");
        Process process = new ProcessBuilder("prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfileDirectory)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeExporter exporter = new NodeExporter(process, port, log);
        exporter.awaitServing();
        return exporter;
    }

    /** host:port, as a Prometheus target (and the instance label of its series). */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** One scrape of {@code /metrics}. */
    public String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("node_exporter answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private void awaitServing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node_exporter exited: " + log());
            }
            try {
                scrape();
                return;
            } catch (RuntimeException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("node_exporter did not serve on " + port + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
