package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.TrustedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The production {@code nginx/nginx.conf} run by a real nginx on loopback: the test substitutes
 * addresses, ports and paths textually (each substitution must match exactly once, so the file
 * and the test cannot drift apart) and makes a self-signed certificate with openssl.
 */
final class NginxProxy implements AutoCloseable {

    static final Path PRODUCTION_CONFIG = Path.of("nginx", "nginx.conf");

    private final Path dir;
    private final int httpPort;
    private final int httpsPort;
    private Process process;

    private NginxProxy(Path dir, int httpPort, int httpsPort) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Renders the configuration for an API on {@code apiPort} and a WebSocket backend on {@code wsPort}. */
    static NginxProxy render(int apiPort, int wsPort) throws IOException {
        Path dir = Files.createTempDirectory("nginx-");
        int[] ports = FreePorts.distinct(2);
        NginxProxy proxy = new NginxProxy(dir, ports[0], ports[1]);
        Path certs = Files.createDirectories(dir.resolve("certs"));
        // Read by the workers (an unprivileged user when the test runs as root), like the volume.
        Path webroot = Files.createDirectories(dir.resolve("acme-webroot"));
        Files.setPosixFilePermissions(webroot, PosixFilePermissions.fromString("rwxr-xr-x"));
        Processes.Result certificate = Processes.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", certs.resolve("privkey.pem").toString(), "-out", certs.resolve("fullchain.pem").toString(),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        assertThat(certificate.succeeded()).as(certificate.toString()).isTrue();
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Path path = Files.createDirectories(dir.resolve("temp").resolve(temp));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(dir.resolve("temp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        String config = Files.readString(PRODUCTION_CONFIG);
        config = once(config, "worker_processes auto;", "worker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " info;");
        config = once(config, "http {\n", "http {\n"
                + "    client_body_temp_path " + dir.resolve("temp/client_body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("temp/proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("temp/fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("temp/uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("temp/scgi") + ";\n");
        config = once(config, "/var/log/nginx/access.log", dir.resolve("access.log").toString());
        // The test client stands in for a load balancer: it says which client address it forwards.
        config = once(config, "# set_real_ip_from 192.0.2.0/24;", "set_real_ip_from 127.0.0.1;");
        config = once(config, "set $api_upstream api:8080;", "set $api_upstream 127.0.0.1:" + apiPort + ";");
        config = once(config, "listen 80;", "listen 127.0.0.1:" + proxy.httpPort + ";");
        config = once(config, "listen 443 ssl http2;", "listen 127.0.0.1:" + proxy.httpsPort + " ssl http2;");
        config = config.replace("/etc/nginx/certs/", certs + "/");
        config = once(config, "root /var/www/acme;", "root " + webroot + ";");
        // /ws/ goes to the test's echo server, which records the handshake nginx forwards (the
        // service's own socket is tested directly in ChatSocketIT).
        int ws = config.indexOf("location /ws/ {");
        int wsEnd = config.indexOf("}", config.indexOf("proxy_pass http://$api_upstream;", ws));
        String wsBlock = config.substring(ws, wsEnd);
        config = config.substring(0, ws) + once(wsBlock, "proxy_pass http://$api_upstream;",
                "proxy_pass http://127.0.0.1:" + wsPort + ";") + config.substring(wsEnd);
        Files.writeString(dir.resolve("nginx.conf"), config);
        return proxy;
    }

    private static String once(String text, String target, String replacement) {
        int first = text.indexOf(target);
        assertThat(first).as("'%s' in %s", target, PRODUCTION_CONFIG).isNotNegative();
        assertThat(text.indexOf(target, first + 1)).as("'%s' more than once in %s", target, PRODUCTION_CONFIG)
                .isNegative();
        return text.replace(target, replacement);
    }

    /** {@code nginx -t} on the rendered configuration. */
    Processes.Result check() {
        return Processes.run(List.of("nginx", "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()));
    }

    void start() throws IOException {
        process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen: " + log());
    }

    /** Where nginx reads fullchain.pem and privkey.pem (TLS_CERTS_DIR in Compose). */
    Path certificates() {
        return dir.resolve("certs");
    }

    /** What nginx serves under /.well-known/acme-challenge/ (ACME_WEBROOT in Compose). */
    Path acmeWebroot() {
        return dir.resolve("acme-webroot");
    }

    /** A shell command that makes the running nginx read its configuration and certificates again. */
    String reloadCommand() {
        return "nginx -p " + dir + " -c " + dir.resolve("nginx.conf") + " -e " + dir.resolve("error.log") + " -s reload";
    }

    /** The master process: the same one for as long as nginx is reloaded rather than restarted. */
    long masterPid() {
        return process.pid();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    String accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    /** Trusts the test's self-signed certificate only. */
    SSLContext trustingItsCertificate() throws Exception {
        return TrustedCertificate.only(dir.resolve("certs/fullchain.pem"));
    }

    String log() {
        StringBuilder log = new StringBuilder();
        for (String name : List.of("error.log", "stdout.log")) {
            try {
                log.append(Files.readString(dir.resolve(name)));
            } catch (IOException e) {
                log.append("(no ").append(name).append(")");
            }
        }
        return log.toString();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
