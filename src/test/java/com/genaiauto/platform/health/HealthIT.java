package com.genaiauto.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TcpProxy;
import com.genaiauto.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
@DisplayName("Health endpoints against real PostgreSQL and Redis")
class HealthIT {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DATABASE = TestDatabase.create();

    // PostgreSQL is reached through a proxy the test can cut; Redis is a private server it can stop.
    @RegisterExtension
    @Order(2)
    static final TcpProxy POSTGRES = TcpProxy.to(TestDatabase.HOST, TestDatabase.PORT);

    @RegisterExtension
    @Order(3)
    static final PrivateRedis REDIS = PrivateRedis.started();

    @Order(4)
    static final DropwizardAppExtension<GenAiAutoConfiguration> APP = new DropwizardAppExtension<>(
            GenAiAutoApplication.class, AppConfig.CONFIG_PATH, AppConfig.defaults()
                    .database(() -> DATABASE.jdbcUrl("127.0.0.1", POSTGRES.port()))
                    .redis(REDIS::url)
                    .set("redis.reconnectInterval", "100ms")
                    .toArray());

    @AfterEach
    void restoreDependencies() {
        POSTGRES.open();
        REDIS.start();
        awaitStatus("healthy");
    }

    @Nested
    @DisplayName("when PostgreSQL and Redis are up")
    class AllUp {

        @Test
        void shouldReportHealthyWithEveryServiceConnected() {
            JsonNode body = get("/health", 200);
            assertThat(body.path("status").asText()).isEqualTo("healthy");
            assertThat(body.path("version").asText()).isNotBlank();
            assertThat(body.path("services").path("database").asText()).isEqualTo("connected");
            assertThat(body.path("services").path("redis").asText()).isEqualTo("connected");
            assertThat(body.path("services").path("llm").asText()).isEqualTo("extractive-only");
        }

        @Test
        void shouldBeReadyAndLive() {
            assertThat(get("/health/ready", 200).path("ready").asBoolean()).isTrue();
            assertThat(get("/health/live", 200).path("status").asText()).isEqualTo("alive");
        }

        @Test
        void shouldPassEveryAdminHealthCheck() {
            Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck")
                    .request().get();
            JsonNode checks = response.readEntity(JsonNode.class);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(checks.fieldNames()).toIterable()
                    .contains("postgresql", "pgvector", "redis", "llm-configuration");
            assertThat(checks.path("pgvector").path("message").asText()).contains("0.8", "384 dimensions");
        }
    }

    @Nested
    @DisplayName("when Redis is down")
    class RedisDown {

        @Test
        void shouldReportDegradedButStayReady() {
            REDIS.stop();

            JsonNode body = awaitStatus("degraded");
            assertThat(body.path("services").path("redis").asText()).isEqualTo("disconnected");
            assertThat(body.path("services").path("database").asText()).isEqualTo("connected");
            assertThat(get("/health/ready", 200).path("status").asText()).isEqualTo("degraded");
            assertThat(get("/health/live", 200).path("status").asText()).isEqualTo("alive");
        }

        @Test
        void shouldRecoverWhenRedisComesBack() {
            REDIS.stop();
            awaitStatus("degraded");

            REDIS.start();

            assertThat(awaitStatus("healthy").path("services").path("redis").asText()).isEqualTo("connected");
        }
    }

    @Nested
    @DisplayName("when PostgreSQL is unreachable")
    class PostgresDown {

        @Test
        void shouldReportUnhealthyAndNotReady() {
            POSTGRES.close();

            JsonNode body = awaitStatus("unhealthy");
            assertThat(body.path("services").path("database").asText()).isEqualTo("disconnected");
            JsonNode ready = get("/health/ready", 503);
            assertThat(ready.path("ready").asBoolean()).isFalse();
            assertThat(get("/health/live", 200).path("status").asText()).isEqualTo("alive");
        }

        @Test
        void shouldRecoverWhenPostgresComesBack() {
            POSTGRES.close();
            awaitStatus("unhealthy");

            POSTGRES.open();

            assertThat(awaitStatus("healthy").path("services").path("database").asText()).isEqualTo("connected");
            get("/health/ready", 200);
        }
    }

    private static JsonNode get(String path, int expectedStatus) {
        Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + path).request().get();
        assertThat(response.getStatus()).as("status of %s", path).isEqualTo(expectedStatus);
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
        return response.readEntity(JsonNode.class);
    }

    /** Health follows dependencies within a few seconds; poll rather than sleep a fixed time. */
    private static JsonNode awaitStatus(String expected) {
        return await(body -> expected.equals(body.path("status").asText()), Duration.ofSeconds(20));
    }

    private static JsonNode await(Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/health")
                    .request().get();
            last = response.readEntity(JsonNode.class);
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("health did not reach the expected state; last: " + last);
    }
}
