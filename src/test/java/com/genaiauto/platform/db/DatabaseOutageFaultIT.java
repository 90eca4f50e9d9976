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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("While PostgreSQL cannot be reached, requests get 503 with Retry-After, not 500")
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

    @AfterEach
    void reopen() {
        POSTGRES.open();
    }

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
        // The pool drops the connections the outage broke as it meets them: service resumes within seconds.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        Api.Reply after = api.get("/api/v1/customers/me", owner.accessToken());
        while (after.status() != 200 && System.nanoTime() < deadline) {
            assertThat(after.status()).as(after.toString()).isEqualTo(503);
            sleep(200);
            after = api.get("/api/v1/customers/me", owner.accessToken());
        }
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
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
