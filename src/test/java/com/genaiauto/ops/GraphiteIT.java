package com.genaiauto.ops;

import com.genaiauto.testing.ServedJar;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Graphite reporter of config.yml, switched on as the comment there says, reporting from the
 * packaged jar to a real TCP listener that parses the plaintext protocol.
 */
@DisplayName("Graphite reporting")
class GraphiteIT {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static CarbonListener carbon;
    static ServedJar app;

    @BeforeAll
    static void startReporting() throws IOException {
        carbon = CarbonListener.start();
        app = ServedJar.start(DATABASE, REDIS, Map.of("GRAPHITE_HOST", "127.0.0.1",
                "GRAPHITE_PORT", Integer.toString(carbon.port())), withGraphiteEnabled().toString());
        app.api().get("/health/live", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (carbon != null) {
            carbon.close();
        }
    }

    /** config.yml with its commented Graphite block uncommented, reporting every second. */
    static Path withGraphiteEnabled() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("config.yml"));
        int start = lines.indexOf("  # reporters:");
        assertThat(start).as("the commented reporters block in config.yml").isPositive();
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i >= start && line.startsWith("  #")) {
                line = "  " + line.substring(4);
                line = line.replace("frequency: 1 minute", "frequency: 1 second");
            }
            config.append(line).append('\n');
        }
        Path file = Files.createTempFile("config-graphite-", ".yml");
        Files.writeString(file, config);
        return file;
    }

    @Test
    void shouldSendTheRegistryInThePlaintextProtocol() {
        Map<String, Line> received = carbon.await(metrics -> metrics.containsKey("genai-auto.health.dependency_up.database")
                && metrics.keySet().stream().anyMatch(name -> name.startsWith("genai-auto.http.requests.GET.health_live.2xx.")),
                Duration.ofSeconds(30));

        assertThat(received.get("genai-auto.health.dependency_up.database").value()).isEqualTo(1.0);
        assertThat(received.get("genai-auto.health.dependency_up.redis").value()).isEqualTo(1.0);
        assertThat(received.get("genai-auto.http.requests.GET.health_live.2xx.count").value()).isGreaterThanOrEqualTo(1.0);
        assertThat(received).containsKeys("genai-auto.jvm.memory.heap.used", "genai-auto.llm.providers_available",
                "genai-auto.http.requests.GET.health_live.2xx.p95");
        long now = Instant.now().getEpochSecond();
        assertThat(received.values()).allSatisfy(line ->
                assertThat(line.timestamp()).isBetween(now - 120, now + 5));
        assertThat(carbon.malformed()).isEmpty();
    }

    record Line(String name, double value, long timestamp) {
    }

    /** A carbon receiver's plaintext port: {@code <name> <value> <timestamp>\n} per metric. */
    static final class CarbonListener implements AutoCloseable {
        private final ServerSocket server;
        private final Map<String, Line> latest = new ConcurrentHashMap<>();
        private final List<String> malformed = new CopyOnWriteArrayList<>();

        private CarbonListener(ServerSocket server) {
            this.server = server;
        }

        static CarbonListener start() throws IOException {
            CarbonListener listener = new CarbonListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(listener::accept, "carbon-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            return listener;
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> malformed() {
            return malformed;
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept();
                     BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                             StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        parse(line);
                    }
                } catch (IOException closed) {
                    // the reporter reconnects for its next report
                }
            }
        }

        private void parse(String line) {
            String[] parts = line.split(" ");
            try {
                if (parts.length != 3 || parts[0].isEmpty()) {
                    throw new NumberFormatException(line);
                }
                latest.put(parts[0], new Line(parts[0], Double.parseDouble(parts[1]), Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                malformed.add(line);
            }
        }

        Map<String, Line> await(java.util.function.Predicate<Map<String, Line>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(latest)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not received in " + timeout + "; got " + latest.keySet().stream()
                            .sorted().collect(Collectors.joining(", ")));
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return Map.copyOf(latest);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
