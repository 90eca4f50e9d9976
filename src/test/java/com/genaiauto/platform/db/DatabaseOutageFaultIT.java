package com.genaiauto.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TcpProxy;
import com.genaiauto.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PostgreSQL unreachable or hung gives 503 with Retry-After in bounded time; slow, chat still answers")
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseOutageFaultIT {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DATABASE = TestDatabase.create();

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
                    .toArray());

    // socketTimeout (10 s) on an open connection, plus the time to map the failure and answer.
    private static final long HUNG_ANSWER_BOUND_MILLIS = 13_000;

    @AfterEach
    void reopen() {
        POSTGRES.latency(Duration.ZERO);
        POSTGRES.release();
        POSTGRES.open();
    }

    @Nested
    @DisplayName("while PostgreSQL cannot be reached")
    class Unreachable {

        @Test
        void shouldAnswer503WithRetryAfterAndRecoverWhenTheDatabaseReturns() {
            Api api = new Api(APP.getLocalPort());
            Accounts.Session owner = new Accounts(api).aCustomer().register();

            POSTGRES.close();
            List<Api.Reply> during = List.of(
                    api.get("/api/v1/customers/me", owner.accessToken()),
                    api.post("/api/v1/chat", Map.of("message", "How often should I rotate the tyres?"), owner.accessToken()),
                    api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", owner.password()), null));

            assertThat(during).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.errorCode()).isEqualTo("database_unavailable");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            });

            POSTGRES.open();
            awaitService(api, owner);
        }
    }

    @Nested
    @DisplayName("while PostgreSQL holds every byte, as when stopped with SIGSTOP")
    class Hung {

        @Test
        void shouldAnswer503WithRetryAfterWithinABoundAndRecoverWhenReleased() {
            Api api = new Api(APP.getLocalPort());
            Accounts.Session owner = new Accounts(api).aCustomer().register();
            assertThat(chat(api, owner, "Hello").status()).isEqualTo(200);

            POSTGRES.stall();
            List<Supplier<Api.Reply>> requests = List.of(
                    () -> api.get("/api/v1/customers/me", owner.accessToken()),
                    () -> chat(api, owner, "How often should I rotate the tyres?"),
                    () -> api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", owner.password()), null),
                    () -> api.get("/api/v1/customers/me", owner.accessToken()));
            List<Long> millis = new ArrayList<>();
            for (Supplier<Api.Reply> request : requests) {
                long start = System.nanoTime();
                Api.Reply reply = request.get();
                millis.add(elapsedMillis(start));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.errorCode()).isEqualTo("database_unavailable");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            }

            POSTGRES.release();
            long recoveredMillis = awaitService(api, owner);
            assertThat(chat(api, owner, "Thanks").status()).isEqualTo(200);
            System.out.printf("[fault] PostgreSQL hung: %d requests, each 503 database_unavailable after %s ms;"
                    + " 200 again %d ms after release%n", millis.size(), millis, recoveredMillis);
            assertThat(millis).allSatisfy(each -> assertThat(each).isLessThan(HUNG_ANSWER_BOUND_MILLIS));
        }
    }

    @Nested
    @DisplayName("while PostgreSQL answers 200 ms late in each direction")
    class Slow {

        @Test
        void shouldStillAnswerEveryChat() {
            Api api = new Api(APP.getLocalPort());
            Accounts.Session owner = new Accounts(api).aCustomer().register();
            List<Long> normal = chats(api, owner, 3);
            POSTGRES.latency(Duration.ofMillis(200));
            List<Long> slow = chats(api, owner, 3);
            System.out.printf("[fault] PostgreSQL +200 ms per chunk each way: chats 200 in %s ms (without: %s ms)%n",
                    slow, normal);
            assertThat(slow).allSatisfy(each -> assertThat(each).isLessThan(30_000));
        }

        private List<Long> chats(Api api, Accounts.Session owner, int count) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Api.Reply reply = chat(api, owner, "What tyre pressure does the car need? (" + i + ")");
                millis.add(elapsedMillis(start));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.json().path("answer").asText()).isNotBlank();
            }
            return millis;
        }
    }

    /** Waits for the service to answer 200 again, any answer meanwhile being 503; returns the wait. */
    private static long awaitService(Api api, Accounts.Session owner) {
        // The pool drops the connections the fault broke as it meets them: service resumes within seconds.
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(20);
        Api.Reply after = api.get("/api/v1/customers/me", owner.accessToken());
        while (after.status() != 200 && System.nanoTime() < deadline) {
            assertThat(after.status()).as(after.toString()).isEqualTo(503);
            sleep(200);
            after = api.get("/api/v1/customers/me", owner.accessToken());
        }
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        return elapsedMillis(start);
    }

    private static Api.Reply chat(Api api, Accounts.Session owner, String message) {
        return api.post("/api/v1/chat", Map.of("message", message), owner.accessToken());
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
