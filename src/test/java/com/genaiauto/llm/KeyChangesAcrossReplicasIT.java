package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's change to a key on one replica holds on the other at once, not when that
 * replica's cached copy expires (5 s for limits, 10 s for a verified key): replica B reads the key
 * first, so it has it cached, then replica A changes it, and B must enforce the change within a
 * second. Every balanced call costs 0.00018 USD here.
 */
@DisplayName("Changes to a key reach every replica at once")
class KeyChangesAcrossReplicasIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final double CALL_COST = 0.00018;
    /** Well under the caches' lifetimes, ample for a notice through Redis. */
    static final long WITHIN_MILLIS = 1_000;

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    static DropwizardTestSupport<GenAiAutoConfiguration> second;
    static Api replicaA;
    static Api replicaB;
    static String adminToken;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 100, 25))));
        second = APP.startReplica();
        replicaA = APP.api();
        replicaB = new Api(second.getLocalPort());
        adminToken = new Accounts(replicaA).admin().accessToken();
    }

    @AfterAll
    static void stopAll() {
        second.after();
        PROVIDER.stop();
    }

    private static GatewayKeys.Key newKey() {
        return GatewayKeys.create(replicaA, adminToken, "changed client", null);
    }

    private static void limit(GatewayKeys.Key key, Map<String, Object> limits) {
        Api.Reply put = replicaA.send("PUT", "/api/v1/llm/keys/" + key.id() + "/limits", limits, adminToken);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    private static int ask(Api replica, GatewayKeys.Key key, String model) {
        return replica.post("/v1/chat/completions", Map.of("model", model, "max_tokens", 25,
                "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?"))),
                key.secret()).status();
    }

    /** The status {@code call} answers once it answers {@code expected}, or at the deadline. */
    private static int within(long millis, IntSupplier call, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int status = call.getAsInt();
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = call.getAsInt();
        }
        return status;
    }

    @Nested
    @DisplayName("revocation")
    class Revocation {

        @Test
        void shouldRefuseARevokedKeyOnTheOtherReplicaWithinASecond() throws Exception {
            GatewayKeys.Key key = newKey();
            assertThat(replicaB.get("/v1/models", key.secret()).status()).as("B trusts the key").isEqualTo(200);

            assertThat(replicaA.delete("/api/v1/auth/api-keys/" + key.id(), adminToken).status()).isEqualTo(204);

            assertThat(within(WITHIN_MILLIS, () -> replicaB.get("/v1/models", key.secret()).status(), 401))
                    .as("B refuses the revoked key").isEqualTo(401);
            assertThat(replicaA.get("/v1/models", key.secret()).status()).isEqualTo(401);
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        void shouldApplyANewModelListOnTheOtherReplicaWithinASecond() throws Exception {
            GatewayKeys.Key key = newKey();
            assertThat(ask(replicaB, key, "balanced")).as("B has cached the key's limits").isEqualTo(200);

            limit(key, Map.of("allowedModels", List.of("cheap")));

            assertThat(within(WITHIN_MILLIS, () -> ask(replicaB, key, "balanced"), 403))
                    .as("B refuses a model the key may no longer use").isEqualTo(403);
        }

        @Test
        void shouldApplyARaisedBudgetOnTheOtherReplicaWithinASecond() throws Exception {
            GatewayKeys.Key key = newKey();
            limit(key, Map.of("dailyBudgetUsd", CALL_COST, "overBudget", "stop"));
            assertThat(ask(replicaB, key, "balanced")).isEqualTo(200);
            assertThat(within(WITHIN_MILLIS, () -> ask(replicaB, key, "balanced"), 429))
                    .as("the budget of one call is spent").isEqualTo(429);

            limit(key, Map.of("dailyBudgetUsd", 10 * CALL_COST, "overBudget", "stop"));

            assertThat(within(WITHIN_MILLIS, () -> ask(replicaB, key, "balanced"), 200))
                    .as("B answers again under the raised budget").isEqualTo(200);
        }

        @Test
        void shouldApplyALoweredRequestRateOnTheOtherReplicaWithinASecond() throws Exception {
            GatewayKeys.Key key = newKey();
            for (int i = 0; i < 3; i++) {
                assertThat(replicaB.get("/v1/models", key.secret()).status()).isEqualTo(200);
            }

            limit(key, Map.of("requestsPerMinute", 1));

            assertThat(within(WITHIN_MILLIS, () -> replicaB.get("/v1/models", key.secret()).status(), 429))
                    .as("B holds the key to one request a minute").isEqualTo(429);
        }
    }
}
