package com.genaiauto.platform.redis;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A slow Redis (every byte delayed) does not hold chat up beyond a small bound")
@ExtendWith(DropwizardExtensionsSupport.class)
class RedisSlowFaultIT {

    @RegisterExtension
    @Order(1)
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    @Order(2)
    static final PrivateRedis REDIS = PrivateRedis.started();

    @RegisterExtension
    @Order(3)
    static final TcpProxy PROXY = TcpProxy.to("127.0.0.1", REDIS.port());

    @Order(4)
    static final DropwizardAppExtension<GenAiAutoConfiguration> APP = new DropwizardAppExtension<>(
            GenAiAutoApplication.class, AppConfig.CONFIG_PATH, AppConfig.defaults()
                    .database(DATABASE::jdbcUrl)
                    .redis(() -> "redis://127.0.0.1:" + PROXY.port() + "/0")
                    .toArray());

    private static final int CHATS = 4;

    @AfterEach
    void removeDelay() {
        PROXY.latency(Duration.ZERO);
    }

    @Test
    void shouldAnswerChatsWithoutWaitingOnASlowRedis() {
        Api api = new Api(APP.getLocalPort());
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        assertThat(chat(api, owner, "Hello").status()).isEqualTo(200);
        List<Long> normal = chats(api, owner);

        PROXY.latency(Duration.ofMillis(100));
        List<Long> below = chats(api, owner);
        PROXY.latency(Duration.ofMillis(400));
        List<Long> beyond = chats(api, owner);

        System.out.printf("[fault] Redis slow, chat ms: none %s; +100 ms each way (under the heartbeat's 500 ms) %s;"
                + " +400 ms each way %s%n", normal, below, beyond);
        long baseline = normal.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(below).allSatisfy(each -> assertThat(each).isLessThan(baseline + 1_500));
        assertThat(beyond).allSatisfy(each -> assertThat(each).isLessThan(baseline + 1_500));
    }

    private static List<Long> chats(Api api, Accounts.Session owner) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) {
            long start = System.nanoTime();
            Api.Reply reply = chat(api, owner, "What tyre pressure does the car need? (" + millis.size() + ")");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().path("answer").asText()).isNotBlank();
        }
        return millis;
    }

    private static Api.Reply chat(Api api, Accounts.Session owner, String message) {
        return api.post("/api/v1/chat", Map.of("message", message), owner.accessToken());
    }
}
