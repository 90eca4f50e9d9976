package com.genaiauto.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged jar serving on free ports, configured only through the environment as in a
 * container, against a test database and a private Redis; ready when {@code /health/ready} is.
 */
public final class ServedJar implements AutoCloseable {

    private final JarProcess process;
    private final int port;
    private final int adminPort;

    private ServedJar(JarProcess process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    public static ServedJar start(TestDatabase database, PrivateRedis redis, Map<String, String> extra) throws IOException {
        return start(database, redis, extra, "config.yml");
    }

    public static ServedJar start(TestDatabase database, PrivateRedis redis, Map<String, String> extra, String config)
            throws IOException {
        return start(database, redis, extra, config, JarProcess.TEST_HEAP);
    }

    /** With the JVM options given (a production heap, say) instead of the small test heap. */
    public static ServedJar start(TestDatabase database, PrivateRedis redis, Map<String, String> extra, String config,
                                  java.util.List<String> jvmOptions) throws IOException {
        int port = FreePorts.find();
        int adminPort = FreePorts.find();
        Map<String, String> environment = new HashMap<>();
        environment.put("APP_ENV", "test");
        environment.put("LOG_LEVEL", "WARN");
        environment.put("PORT", Integer.toString(port));
        environment.put("ADMIN_PORT", Integer.toString(adminPort));
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("POSTGRES_USER", TestDatabase.USER);
        environment.put("POSTGRES_PASSWORD", TestDatabase.PASSWORD);
        environment.put("REDIS_URL", redis.url());
        environment.put("ADMIN_EMAIL", Accounts.ADMIN_EMAIL);
        environment.put("ADMIN_PASSWORD", Accounts.ADMIN_PASSWORD);
        environment.put("LOGIN_RATE_PER_ADDRESS", "10000");
        environment.put("LOGIN_RATE_PER_ACCOUNT", "10000");
        environment.put("REGISTER_RATE_PER_ADDRESS", "10000");
        environment.put("USER_RATE_PER_MINUTE", "1000000");
        environment.put("CHAT_RATE_PER_USER", "1000000");
        environment.put("SHUTDOWN_DRAIN", "0s");
        environment.put("HOUSEKEEPING_INTERVAL", "0s");
        environment.putAll(extra);
        ServedJar served = new ServedJar(JarProcess.start(environment, jvmOptions, "server", config), port, adminPort);
        served.awaitReady(Duration.ofSeconds(120));
        return served;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code docker stop} sends it; the process shuts down gracefully on its own. */
    public void terminate() {
        ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.awaitExit(seconds);
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public Api api() {
        return new Api(port);
    }

    public String output() {
        return process.output();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Api api = api();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited:\n" + process.output());
            }
            try {
                if (api.get("/health/ready", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the service was not ready within " + timeout + ":\n" + process.output());
    }

    @Override
    public void close() {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
