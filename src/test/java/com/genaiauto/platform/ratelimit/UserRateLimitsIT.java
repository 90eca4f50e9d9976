package com.genaiauto.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.SecondReplica;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests per minute of one signed-in user, per route and for chat as a whole (REST, stream and
 * socket messages share one bucket), held across two replicas sharing Redis.
 */
@DisplayName("Per-user rate limits on the assistant's routes")
class UserRateLimitsIT {

    static final int CHATS = 3;
    static final int PER_ROUTE = 5;

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("http.userRateLimits.perMinute", Integer.toString(PER_ROUTE))
            .set("http.userRateLimits.rules[0].perMinute", Integer.toString(CHATS)));

    @RegisterExtension
    static final SecondReplica SECOND = SecondReplica.of(APP);

    @Test
    void shouldShareOneChatBudgetBetweenTheChatRoutesAndTheReplicas() {
        Api api = APP.api();
        Api other = SECOND.api();
        Session owner = new Accounts(api).aCustomer().register();
        assertThat(api.post("/api/v1/chat", Map.of("message", "How often should I rotate my tyres?"),
                owner.accessToken()).status()).isEqualTo(200);
        assertThat(other.post("/api/v1/chat", Map.of("message", "And the pressures?"), owner.accessToken()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/chat/stream", Map.of("message", "Thanks"), owner.accessToken()).status())
                .isEqualTo(200);

        Api.Reply refused = other.post("/api/v1/chat", Map.of("message", "One more"), owner.accessToken());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");

        // Another owner has a bucket of their own, and other routes are counted apart.
        Session someoneElse = new Accounts(api).aCustomer().register();
        assertThat(api.post("/api/v1/chat", Map.of("message", "Hello"), someoneElse.accessToken()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/vehicles", owner.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void shouldLimitEachRouteOfAUserAtTheDefaultRate() {
        Api api = APP.api();
        Api other = SECOND.api();
        Session owner = new Accounts(api).aCustomer().register();
        for (int i = 0; i < PER_ROUTE; i++) {
            Api target = i % 2 == 0 ? api : other;
            assertThat(target.get("/api/v1/vehicles", owner.accessToken()).status()).as("request %d", i + 1)
                    .isEqualTo(200);
        }
        assertThat(api.get("/api/v1/vehicles", owner.accessToken()).status()).isEqualTo(429);
        assertThat(api.get("/api/v1/auth/me", owner.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseASocketMessageOverTheChatRateWithAnErrorFrame() throws Exception {
        Api api = APP.api();
        Session owner = new Accounts(api).aCustomer().register();
        Api.Reply first = api.post("/api/v1/chat", Map.of("message", "Hello"), owner.accessToken());
        String session = first.field("sessionId");
        for (int i = 1; i < CHATS; i++) {
            assertThat(api.post("/api/v1/chat", Map.of("message", "Hello " + i, "sessionId", session),
                    owner.accessToken()).status()).isEqualTo(200);
        }
        java.util.concurrent.LinkedBlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://localhost:" + APP.port() + "/ws/" + session),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                                                                                  CharSequence data, boolean last) {
                                frames.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }
                        }).join();
        try {
            socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "auth", "token", owner.accessToken())), true).join();
            assertThat(Api.JSON.readTree(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS)).path("type").asText())
                    .isEqualTo("ready");
            socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "message", "text", "Over the limit?")), true).join();
            var error = Api.JSON.readTree(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("data").path("code").asText()).isEqualTo("rate_limited");
        } finally {
            socket.abort();
        }
    }
}
