package com.genaiauto.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.PrivateRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Redis connector against real redis-server processes")
class RedisConnectorIT {

    @Test
    void shouldConnectWithAPasswordInTheUrl() {
        PrivateRedis redis = PrivateRedis.started("s3cret-pass");
        try (Connector connector = new Connector(redis.url())) {
            assertThat(connector.redis.isAvailable()).isTrue();
            connector.redis.connection().orElseThrow().sync().set("genai:test", "ok");
            assertThat(connector.redis.connection().orElseThrow().sync().get("genai:test")).isEqualTo("ok");
        } finally {
            redis.stop();
        }
    }

    @Test
    void shouldReportUnavailableWithAWrongPassword() {
        PrivateRedis redis = PrivateRedis.started("right-password");
        try (Connector connector = new Connector("redis://:wrong-password@127.0.0.1:" + redis.port() + "/0")) {
            assertThat(connector.redis.isAvailable()).isFalse();
        } finally {
            redis.stop();
        }
    }

    @Test
    void shouldConnectOverTls() throws Exception {
        Path dir = Files.createTempDirectory("redis-tls");
        Path certificate = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1", "-subj", "/CN=localhost")
                .redirectErrorStream(true).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();

        PrivateRedis redis = PrivateRedis.startedWithTls(certificate, key);
        try (Connector plain = new Connector("redis://127.0.0.1:" + redis.port() + "/0");
             Connector tls = new Connector(redis.tlsUrl())) {
            assertThat(tls.redis.isAvailable()).isTrue();
            assertThat(plain.redis.isAvailable()).as("plain text to a TLS port").isFalse();
        } finally {
            redis.stop();
        }
    }

    @Test
    void shouldStartWithoutRedisAndConnectOnceItAppears() throws Exception {
        int port = FreePorts.find();
        try (Connector connector = new Connector("redis://127.0.0.1:" + port + "/0")) {
            connector.redis.start();
            assertThat(connector.redis.isAvailable()).isFalse();

            PrivateRedis redis = PrivateRedis.onPort(port);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!connector.redis.isAvailable() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(connector.redis.isAvailable()).isTrue();
            } finally {
                redis.stop();
            }
        }
    }

    @Test
    void shouldCountEachTimeTheSharedConnectionDropsAndIsMadeAgain() throws Exception {
        PrivateRedis redis = PrivateRedis.started();
        try (Connector connector = new Connector(redis.url())) {
            assertThat(connector.redis.isAvailable()).isTrue();
            long before = connector.redis.linkChanges();
            connector.redis.connectDedicated().orElseThrow().close();
            assertThat(connector.redis.linkChanges()).as("another connection's comings and goings").isEqualTo(before);

            redis.stop();
            redis.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!connector.redis.isAvailable() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(connector.redis.isAvailable()).isTrue();
            assertThat(connector.redis.linkChanges()).as("dropped, then made again").isGreaterThanOrEqualTo(before + 2);
        } finally {
            redis.stop();
        }
    }

    /** A connector with short timeouts, closed after each test. */
    private static final class Connector implements AutoCloseable {
        final RedisConnector redis;

        Connector(String url) {
            RedisConfig config = new RedisConfig().withUrl(url);
            this.redis = new RedisConnector(config);
        }

        @Override
        public void close() {
            redis.stop();
        }
    }
}
