package com.genaiauto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.JarProcess;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The packaged jar, configured only through the environment names of the deployment guide")
class PackagedJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    /** The guide's URL form (postgresql://user:password@host:port/db) rather than JDBC. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "postgresql://" + TestDatabase.USER + ":" + TestDatabase.PASSWORD + "@"
                + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + database.name());
        env.put("PORT", Integer.toString(FreePorts.find()));
        env.put("ADMIN_PORT", Integer.toString(FreePorts.find()));
        env.put("LOG_LEVEL", "INFO");
        return env;
    }

    @Nested
    @DisplayName("db command")
    class DbCommand {

        @Test
        void shouldMigrateOnDemandAndThenHaveNothingToDo() throws Exception {
            try (JarProcess first = JarProcess.start(environment(), "db", "migrate", "config.yml")) {
                assertThat(first.awaitExit(120)).as(first.output()).isZero();
                assertThat(first.output()).containsPattern("Applied [1-9]\\d* migration\\(s\\)");
            }
            try (JarProcess second = JarProcess.start(environment(), "db", "migrate", "config.yml")) {
                assertThat(second.awaitExit(120)).as(second.output()).isZero();
                assertThat(second.output()).contains("Applied 0 migration(s)");
            }
            try (JarProcess info = JarProcess.start(environment(), "db", "info", "config.yml")) {
                assertThat(info.awaitExit(120)).as(info.output()).isZero();
                assertThat(info.output()).containsPattern("1\\s+initial schema\\s+Success");
            }
        }
    }

    @Nested
    @DisplayName("create-admin command")
    class CreateAdmin {

        @Test
        void shouldCreateAnAdministratorWithThePasswordFromTheEnvironment() throws Exception {
            try (JarProcess migrate = JarProcess.start(environment(), "db", "migrate", "config.yml")) {
                assertThat(migrate.awaitExit(120)).as(migrate.output()).isZero();
            }
            Map<String, String> env = environment();
            env.put("ADMIN_PASSWORD", "Night-shift-operator-77");
            try (JarProcess create = JarProcess.start(env, "create-admin", "config.yml", "--email", "ops@example.com")) {
                assertThat(create.awaitExit(120)).as(create.output()).isZero();
                assertThat(create.output()).contains("Created administrator ops@example.com")
                        .doesNotContain("Night-shift-operator-77");
            }
            try (var connection = database.connect();
                 var rs = connection.createStatement().executeQuery(
                         "SELECT role, password_hash FROM users WHERE email = 'ops@example.com'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("role")).isEqualTo("admin");
                assertThat(rs.getString("password_hash")).startsWith("$argon2id$");
            }
        }
    }

    @Nested
    @DisplayName("server start-up")
    class StartUp {

        @Test
        void shouldRefuseTheDefaultJwtSecretInProduction() throws Exception {
            Map<String, String> env = environment();
            env.put("APP_ENV", "production");
            try (JarProcess server = JarProcess.start(env, "server", "config.yml")) {
                assertThat(server.awaitExit(120)).isNotZero();
                assertThat(server.output()).contains("Refusing to start in production mode",
                        "JWT_SECRET_KEY is a default value");
            }
        }

        @Test
        void shouldRefuseAShortJwtSecretInProduction() throws Exception {
            Map<String, String> env = environment();
            env.put("APP_ENV", "production");
            env.put("JWT_SECRET_KEY", "too-short-secret");
            try (JarProcess server = JarProcess.start(env, "server", "config.yml")) {
                assertThat(server.awaitExit(120)).isNotZero();
                assertThat(server.output()).contains("shorter than 32 bytes");
            }
        }

        @Test
        void shouldRefuseToServeAnOutdatedSchemaWhenMigrationOnStartIsOff() throws Exception {
            Map<String, String> env = environment();
            env.put("MIGRATE_ON_START", "false");
            try (JarProcess server = JarProcess.start(env, "server", "config.yml")) {
                assertThat(server.awaitExit(120)).isNotZero();
                assertThat(server.output()).contains("database migration(s) pending", "db migrate");
            }
        }

        @Test
        void shouldRefuseDevelopmentPasswordsInProduction() throws Exception {
            Map<String, String> env = environment();
            env.put("APP_ENV", "production");
            env.put("JWT_SECRET_KEY", "k7Qm2x9PzR4vT8wY1bN6cF3hJ5sL0dGa-a-strong-random-secret");
            try (JarProcess server = JarProcess.start(env, "server", "config.yml")) {
                assertThat(server.awaitExit(120)).isNotZero();
                assertThat(server.output()).contains("Refusing to start in production: POSTGRES_PASSWORD, REDIS_PASSWORD");
            }
        }

        @Test
        void shouldStartInProductionWithAStrongSecretAndServeHealth() throws Exception {
            PrivateRedis redis = PrivateRedis.started("redis-pass");
            Map<String, String> env = environment();
            env.put("APP_ENV", "production");
            // A secret from a file, as Docker and Kubernetes mount them.
            Path secret = Files.createTempFile("jwt-secret-", ".txt");
            Files.writeString(secret, "k7Qm2x9PzR4vT8wY1bN6cF3hJ5sL0dGa-a-strong-random-secret\n");
            env.put("JWT_SECRET_KEY_FILE", secret.toString());
            env.put("REDIS_URL", redis.url());
            // Production refuses the development database password; this role has its own (scripts/provision).
            env.put("DATABASE_URL", "postgresql://" + TestDatabase.PRODUCTION_USER + ":" + TestDatabase.PRODUCTION_PASSWORD
                    + "@" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + database.name());
            long started = System.nanoTime();
            try (JarProcess server = JarProcess.start(env, "server", "config.yml")) {
                JsonNode health = awaitHealthy(server, Integer.parseInt(env.get("PORT")));
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                System.out.printf("start-up to healthy: %d ms%n", millis);

                assertThat(health.path("services").path("database").asText()).isEqualTo("connected");
                assertThat(health.path("services").path("redis").asText()).isEqualTo("connected");
                assertThat(server.output()).doesNotContain("redis-pass", TestDatabase.PRODUCTION_PASSWORD);
            } finally {
                redis.stop();
            }
        }
    }

    private static JsonNode awaitHealthy(JarProcess server, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited:\n" + server.output());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(response.body());
                if ("healthy".equals(body.path("status").asText())) {
                    return body;
                }
            } catch (java.io.IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not healthy in time:\n" + server.output());
    }
}
