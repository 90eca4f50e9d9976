package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.TempFiles;
import com.genaiauto.testing.TrustedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Let's Encrypt's test ACME server (Debian's {@code pebble}) on free loopback ports, validating
 * http-01 challenges on {@code httpChallengePort} (the test's nginx). Its DNS questions go to
 * {@code pebble-challtestsrv}, which answers every name with 127.0.0.1, so a realistic name like
 * www.genai-auto.test leads to that nginx. Pebble's own HTTPS uses a certificate the test makes,
 * signed by a throwaway CA: {@link #caBundle()} is what the ACME client must trust. Pebble makes a
 * new root and intermediate at every start, so certificates it issues chain to nothing else.
 */
final class Pebble implements AutoCloseable {

    private final Path dir;
    private final int acmePort;
    private final int managementPort;
    private final HttpClient management;
    private Process dns;
    private Process pebble;

    private Pebble(Path dir, int acmePort, int managementPort) throws Exception {
        this.dir = dir;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.management = HttpClient.newBuilder().sslContext(TrustedCertificate.only(dir.resolve("ca.pem")))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Pebble start(int httpChallengePort) throws Exception {
        Path dir = Files.createTempDirectory("pebble-");
        makeServerCertificate(dir);
        int[] ports = FreePorts.distinct(5);
        int acmePort = ports[0];
        int managementPort = ports[1];
        int dnsPort = ports[2];
        Pebble server = new Pebble(dir, acmePort, managementPort);
        try {
            server.dns = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort,
                    "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-management", "127.0.0.1:" + ports[3],
                    "-http01", "", "-https01", "", "-tlsalpn01", "")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
            awaitListening(server.dns, dnsPort, dir.resolve("challtestsrv.log"));

            Files.writeString(dir.resolve("pebble.json"), """
                    {"pebble": {
                      "listenAddress": "127.0.0.1:%d",
                      "managementListenAddress": "127.0.0.1:%d",
                      "certificate": "%s",
                      "privateKey": "%s",
                      "httpPort": %d,
                      "tlsPort": %d,
                      "ocspResponderURL": "",
                      "externalAccountBindingRequired": false
                    }}
                    """.formatted(acmePort, managementPort, dir.resolve("server.pem"), dir.resolve("server-key.pem"),
                    httpChallengePort, ports[4]));
            ProcessBuilder builder = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
                    "-dnsserver", "127.0.0.1:" + dnsPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
            // No random sleep before validating, no nonce rejected on purpose (speed, determinism),
            // and every order validated afresh: a renewal fetches its challenge through nginx too.
            builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
            builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
            builder.environment().put("PEBBLE_AUTHZREUSE", "0");
            server.pebble = builder.start();
            server.awaitDirectory();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private static void makeServerCertificate(Path dir) throws IOException {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        List<List<String>> steps = List.of(
                List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=ACME test server CA", "-keyout", dir.resolve("ca-key.pem").toString(),
                        "-out", dir.resolve("ca.pem").toString()),
                List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-keyout", dir.resolve("server-key.pem").toString(), "-out", dir.resolve("server.csr").toString()),
                List.of("openssl", "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-days", "2",
                        "-CA", dir.resolve("ca.pem").toString(), "-CAkey", dir.resolve("ca-key.pem").toString(),
                        "-CAcreateserial", "-extfile", dir.resolve("server.ext").toString(), "-out", dir.resolve("server.pem").toString()));
        for (List<String> step : steps) {
            Processes.Result result = Processes.run(step);
            assertThat(result.succeeded()).as(result.toString()).isTrue();
        }
    }

    /** The ACME directory URL (certbot's --server). */
    String directoryUrl() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The CA of Pebble's HTTPS listener, for REQUESTS_CA_BUNDLE. */
    Path caBundle() {
        return dir.resolve("ca.pem");
    }

    /** The intermediate that signs every certificate this Pebble issues. */
    X509Certificate intermediate() throws Exception {
        return managementCertificate("/intermediates/0");
    }

    X509Certificate root() throws Exception {
        return managementCertificate("/roots/0");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("pebble.log"));
        } catch (IOException e) {
            return "(no pebble log)";
        }
    }

    private X509Certificate managementCertificate(String path) throws Exception {
        HttpResponse<String> response = management.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)));
    }

    private void awaitDirectory() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!pebble.isAlive()) {
                throw new IllegalStateException("pebble exited: " + log());
            }
            try {
                HttpResponse<String> directory = management.send(HttpRequest.newBuilder(URI.create(directoryUrl()))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (directory.statusCode() == 200 && directory.body().contains("newOrder")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pebble did not serve its directory: " + log());
    }

    private static void awaitListening(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("not listening on " + port + ": " + Files.readString(log));
    }

    boolean running() {
        return (pebble != null && pebble.isAlive()) || (dns != null && dns.isAlive());
    }

    /** Stops both servers and removes their files (the throwaway CA's key among them). */
    @Override
    public void close() {
        Processes.stop(pebble);
        Processes.stop(dns);
        TempFiles.deleteTree(dir);
    }
}
