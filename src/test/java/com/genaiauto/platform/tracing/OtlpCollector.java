package com.genaiauto.platform.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector on loopback: takes OTLP/HTTP exports ({@code POST /v1/traces})
 * and keeps each one's path, content type and bytes. Answers 200 with an empty export response.
 */
final class OtlpCollector implements AutoCloseable {

    private final HttpServer server;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                collector.exports.add(new Export(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT names a collector. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first export whose bytes hold {@code text}, waiting for it up to {@code wait}. */
    Export awaitExportContaining(String text, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (Export export : exports) {
                if (export.contains(text)) {
                    return export;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no export holding " + text + " within " + wait + "; received " + exports.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Export(String method, String path, String contentType, byte[] body) {
        /** Protocol buffers carry strings as their UTF-8 bytes, so a name or id can be found in them. */
        boolean contains(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(
                    new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }
}
