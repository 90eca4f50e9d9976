package com.genaiauto.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server process on a free port that a test may stop and start again, to see what
 * the service does while Redis is away. Nothing is persisted.
 */
public final class PrivateRedis implements AfterAllCallback {

    private final int port;
    private final String password;
    private final List<String> extraArguments;
    private Process process;
    private Path logFile;

    private PrivateRedis(int port, String password, List<String> extraArguments) {
        this.port = port;
        this.password = password;
        this.extraArguments = extraArguments;
    }

    public static PrivateRedis started() {
        return started(null);
    }

    public static PrivateRedis started(String password) {
        PrivateRedis redis = new PrivateRedis(FreePorts.find(), password, List.of());
        redis.start();
        return redis;
    }

    /** With a password and more redis-server arguments (a replica: --replicaof, --masterauth). */
    public static PrivateRedis startedWith(String password, List<String> extraArguments) {
        PrivateRedis redis = new PrivateRedis(FreePorts.find(), password, List.copyOf(extraArguments));
        redis.start();
        return redis;
    }

    public static PrivateRedis onPort(int port) {
        PrivateRedis redis = new PrivateRedis(port, null, List.of());
        redis.start();
        return redis;
    }

    /** TLS only: the plain port is closed and {@link #port()} is the TLS port. */
    public static PrivateRedis startedWithTls(Path certificate, Path key) {
        int port = FreePorts.find();
        PrivateRedis redis = new PrivateRedis(port, null, List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no"));
        redis.start();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return password == null
                ? "redis://127.0.0.1:" + port + "/0"
                : "redis://:" + password + "@127.0.0.1:" + port + "/0";
    }

    /** A TLS URL that does not verify the self-signed test certificate. */
    public String tlsUrl() {
        return "rediss://127.0.0.1:" + port + "/0?verifyPeer=NONE";
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(redisServer(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        command.addAll(extraArguments);
        try {
            logFile = Files.createTempFile("private-redis-", ".log");
            // A replica's full sync writes an RDB file even with saving off: keep it out of the tree.
            command.addAll(List.of("--dir", logFile.getParent().toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server (run scripts/provision first)", e);
        }
        awaitListening();
    }

    /** Stops the server process without ending it (SIGSTOP): connections stay open, nothing answers. */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the server dies at once, as in a crash of its machine. */
    public synchronized void kill() {
        signal("-KILL");
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized void stop() {
        Processes.stop(process);
        process = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (OuterClassOnly.isNested(context)) {
            return;
        }
        stop();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + log());
            }
            if (log().contains("Ready to accept connections")) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + log());
    }

    /** {@code INFO <section>} as the server answers it now (a stopped server fails the test after 5 s). */
    public String info(String section) {
        return cli("info", section);
    }

    /** One command through redis-cli, and its answer; a server that does not answer within 5 s fails the test. */
    public String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port), "--no-auth-warning"));
        if (password != null) {
            command.addAll(List.of("-a", password));
        }
        command.addAll(List.of(arguments));
        return Processes.run(command, null, java.util.Map.of(), java.time.Duration.ofSeconds(5)).output().strip();
    }

    /** What the server printed so far (its log), for a failing test to show. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String redisServer() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return "redis-server";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
