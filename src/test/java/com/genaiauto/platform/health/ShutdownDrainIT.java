package com.genaiauto.platform.health;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM to the packaged jar, as {@code docker stop} and Kubernetes send it, while a slow model
 * call is in flight: readiness turns 503 at once, new requests are still served during the drain,
 * the in-flight answer completes, and the process exits cleanly.
 */
@DisplayName("Graceful shutdown")
class ShutdownDrainIT {

    static final WireMockServer PROVIDER = FakeProviders.start();

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static ServedJar app;
    static String key;

    @BeforeAll
    static void start() {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("gpt-4o-mini", "Rotate every 10,000 km.", 12, 7)).withFixedDelay(4_000)));
        app = startApp();
        Api.Reply created = app.api().post("/api/v1/auth/api-keys", Map.of("name", "drain"),
                new Accounts(app.api()).admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        key = created.field("key");
    }

    private static ServedJar startApp() {
        try {
            return ServedJar.start(DATABASE, REDIS, Map.of("SHUTDOWN_DRAIN", "3s",
                    "OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", PROVIDER.baseUrl() + "/v1"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        PROVIDER.stop();
    }

    @Test
    void shouldTurnUnreadyServeOnAndFinishInFlightAnswersBeforeExiting() throws Exception {
        Api api = app.api();
        CompletableFuture<Api.Reply> inFlight = CompletableFuture.supplyAsync(() -> api.post("/v1/chat/completions",
                Map.of("model", "openai/gpt-4o-mini",
                        "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?"))),
                key));
        Thread.sleep(500);
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);

        app.terminate();
        Api.Reply ready = awaitReadiness(api, 503);
        assertThat(ready.json().path("status").asText()).isEqualTo("draining");
        assertThat(api.get("/health/live", null).status()).as("new requests during the drain").isEqualTo(200);

        Api.Reply answered = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Rotate every 10,000 km.");
        // 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran (a crash would differ).
        assertThat(app.awaitExit(30)).as(app.output()).isEqualTo(143);
        assertThatThrownBy(() -> api.get("/health/live", null)).as("nothing listens after the exit")
                .isInstanceOf(RuntimeException.class);
    }

    private static Api.Reply awaitReadiness(Api api, int status) throws InterruptedException {
        Api.Reply last = null;
        for (int i = 0; i < 40; i++) {
            last = api.get("/health/ready", null);
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("readiness never answered " + status + ": " + last);
    }
}
