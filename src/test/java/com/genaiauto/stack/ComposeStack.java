package com.genaiauto.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.TrustedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * The repository's docker-compose.yml, run as an operator runs it: a project of its own, a
 * generated .env and certificate, the image built from the Dockerfile, ports published on
 * loopback only. Everything it creates carries the project's name and goes in {@link #close()}.
 */
final class ComposeStack implements AutoCloseable {

    static final String IMAGE = "genai-auto";
    private static final Duration LONG = Duration.ofMinutes(10);

    final String project = "genai-auto-stack-" + UUID.randomUUID().toString().substring(0, 6);
    final Path dir;
    final Path envFile;
    final int httpsPort;
    final int httpPort;
    final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> files = new ArrayList<>(List.of("docker-compose.yml"));

    private ComposeStack(Path dir, int httpPort, int httpsPort) {
        this.dir = dir;
        this.envFile = dir.resolve("stack.env");
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Docker, the Compose plugin and the stand-in base images ready; the stack not started. */
    static ComposeStack prepare() throws IOException {
        Processes.Result setup = Processes.run(List.of("bash", "scripts/docker-setup"), null, Map.of(), LONG);
        assertThat(setup.succeeded()).as(setup.toString()).isTrue();
        Processes.Result standIns = Processes.run(List.of("bash", "scripts/stand-in-images"), null, Map.of(), LONG);
        assertThat(standIns.succeeded()).as(standIns.toString()).isTrue();
        int[] ports = FreePorts.distinct(2);
        ComposeStack stack = new ComposeStack(Files.createTempDirectory("genai-stack-"), ports[0], ports[1]);
        stack.writeCertificate();
        stack.writeEnvironment();
        return stack;
    }

    private void writeCertificate() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Processes.Result made = Processes.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", certs.resolve("privkey.pem").toString(), "-out", certs.resolve("fullchain.pem").toString(),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        assertThat(made.succeeded()).as(made.toString()).isTrue();
        // nginx's workers read the key as an unprivileged user, as with a certificate mounted by hand.
        Files.setPosixFilePermissions(certs.resolve("privkey.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void writeEnvironment() throws IOException {
        secrets.put("POSTGRES_PASSWORD", "pg-" + UUID.randomUUID());
        secrets.put("REDIS_PASSWORD", "redis-" + UUID.randomUUID());
        secrets.put("JWT_SECRET_KEY", "jwt-" + UUID.randomUUID() + UUID.randomUUID());
        StringBuilder env = new StringBuilder();
        secrets.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
        env.append("""
                APP_VERSION=%s
                PUBLISH_ADDRESS=127.0.0.1
                HTTP_PORT=%d
                HTTPS_PORT=%d
                TLS_CERTS_DIR=%s
                ENV_FILE=%s
                POSTGRES_USER=genai
                POSTGRES_DB=genai_auto
                ADMIN_EMAIL=%s
                ADMIN_PASSWORD=%s
                LOG_LEVEL=INFO
                USER_RATE_PER_MINUTE=100000
                CHAT_RATE_PER_USER=100000
                REDIS_DOWN_AFTER_MS=2000
                """.formatted(StackIT.PREVIOUS, httpPort, httpsPort, dir.resolve("certs"), envFile, Accounts.ADMIN_EMAIL,
                Accounts.ADMIN_PASSWORD));
        Files.writeString(envFile, env.toString());
    }

    /** The Dockerfile's runtime target with the jar Maven just packaged, tagged {@code version}. */
    void buildImage(String version) {
        String tag = IMAGE + ":" + version;
        Processes.Result built = Processes.run(List.of("docker", "build", "-q", "--target", "runtime",
                "--build-arg", "APP_VERSION=" + version, "-t", tag, "."), null, Map.of(), LONG);
        assertThat(built.succeeded()).as(built.toString()).isTrue();
        images.add(tag);
    }

    /** From now on, Compose runs with this overlay too (and removes what it added at the end). */
    void addOverlay(String file) {
        files.add(file);
    }

    /**
     * The release before the newest migration (schema N), built from git history with the current
     * Dockerfile: the code a rolling update replaces, and the one a rollback returns to while the
     * database keeps schema N+1. Returns the migration it lacks.
     */
    String buildPreviousRelease(String version) throws IOException {
        String newest;
        try (var files = Files.list(Path.of("migrations"))) {
            newest = files.map(path -> path.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .max(java.util.Comparator.comparingInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
                    .orElseThrow();
        }
        Processes.Result added = Processes.run(List.of("git", "log", "--diff-filter=A", "--format=%H", "-1", "--",
                "migrations/" + newest));
        String commit = added.output().strip();
        assertThat(commit).as("the commit that added %s (a clone with history): %s", newest, added).matches("[0-9a-f]{40}");
        Path tree = dir.resolve("previous");
        Processes.Result checkout = Processes.run(List.of("git", "worktree", "add", "--detach", tree.toString(), commit + "^"));
        assertThat(checkout.succeeded()).as(checkout.toString()).isTrue();
        try {
            Processes.Result packaged = Processes.run(List.of("mvn", "-B", "-ntp", "-q", "-DskipTests", "package"), null,
                    Map.of(), LONG, tree);
            assertThat(packaged.succeeded()).as(packaged.toString()).isTrue();
            // Its own .dockerignore may predate the runtime target, which takes the jar from target/.
            Files.copy(Path.of(".dockerignore"), tree.resolve(".dockerignore"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String tag = IMAGE + ":" + version;
            Processes.Result built = Processes.run(List.of("docker", "build", "-q", "--target", "runtime", "-f",
                    Path.of("Dockerfile").toAbsolutePath().toString(), "--build-arg", "APP_VERSION=" + version, "-t", tag,
                    tree.toString()), null, Map.of(), LONG);
            assertThat(built.succeeded()).as(built.toString()).isTrue();
            images.add(tag);
        } finally {
            Processes.run(List.of("git", "worktree", "remove", "--force", tree.toString()));
        }
        return newest;
    }

    Processes.Result compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project, "--env-file",
                envFile.toString()));
        files.forEach(file -> command.addAll(List.of("-f", file)));
        command.addAll(Arrays.asList(arguments));
        return Processes.run(command, null, Map.of(), LONG);
    }

    Processes.Result composeOrFail(String... arguments) {
        Processes.Result result = compose(arguments);
        assertThat(result.succeeded()).as("docker compose %s: %s", String.join(" ", arguments), result).isTrue();
        return result;
    }

    /** Runs a repository script with this stack's Compose options after its own arguments. */
    Processes.Result script(String name, List<String> before, List<String> after) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + name));
        command.addAll(before);
        command.addAll(List.of("-p", project, "--env-file", envFile.toString()));
        command.addAll(after);
        return Processes.run(command, null, Map.of(), LONG);
    }

    static Processes.Result docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(arguments));
        return Processes.run(command, null, Map.of(), LONG);
    }

    /** Container ids of a service, running ones only. */
    List<String> containers(String service) {
        return compose("ps", "-q", service).output().lines().filter(line -> !line.isBlank()).map(String::strip).toList();
    }

    String inspect(String container, String format) {
        return docker("inspect", "-f", format, container).output().strip();
    }

    /** A psql query in the postgres container; rows as lines, columns separated by '|'. */
    String psql(String sql) {
        Processes.Result result = compose("exec", "-T", "postgres", "psql", "-X", "-At", "-U", "genai", "-d",
                "genai_auto", "-v", "ON_ERROR_STOP=1", "-c", sql);
        assertThat(result.succeeded()).as(sql + ": " + result).isTrue();
        return result.output().strip();
    }

    String baseUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    SSLContext trustingItsCertificate() throws Exception {
        return TrustedCertificate.only(dir.resolve("certs/fullchain.pem"));
    }

    /** Removes every container, network and volume of the project, and the images it built. */
    @Override
    public void close() {
        compose("down", "-v", "--remove-orphans", "--timeout", "5");
        docker("network", "rm", project + "-outside");
        for (String image : images) {
            docker("rmi", "-f", image);
        }
        Processes.run(List.of("rm", "-rf", dir.toString()));
    }
}
