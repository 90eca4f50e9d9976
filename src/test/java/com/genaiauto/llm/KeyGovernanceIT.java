package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.DropwizardTestSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits per API key and per owning user, over two replicas sharing PostgreSQL and Redis. Every
 * balanced call costs exactly 0.00018 USD here (100 prompt tokens at 0.80 USD and 25 completion
 * tokens at 4.00 USD per million).
 */
@DisplayName("Per-key and per-user limits of the gateway")
class KeyGovernanceIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final double CALL_COST = 0.00018;
    static final String CHEAP_MODEL = "meta-llama/llama-3.1-8b-instruct";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    static DropwizardTestSupport<GenAiAutoConfiguration> second;
    static Api api;
    static Api secondApi;
    static String adminToken;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(5)
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 100, 25))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.model", equalTo(CHEAP_MODEL)))
                .willReturn(json(openAiBody(CHEAP_MODEL, "A cheaper answer.", 100, 25))));
        second = APP.startReplica();
        api = APP.api();
        secondApi = new Api(second.getLocalPort());
        adminToken = new Accounts(api).admin().accessToken();
    }

    @AfterAll
    static void stopAll() {
        second.after();
        PROVIDER.stop();
    }

    /** A new gateway key, optionally owned by a user; returns {id, secret}. */
    private static String[] newKey(UUID owner) {
        GatewayKeys.Key key = GatewayKeys.create(api, adminToken, "governed client", owner);
        return new String[] {key.id(), key.secret()};
    }

    private static void limit(String subject, String id, Map<String, Object> limits) {
        Api.Reply put = api.send("PUT", "/api/v1/llm/" + subject + "/" + id + "/limits", limits, adminToken);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    /** About 130 prompt tokens by the gateway's count, at most 25 of answer. */
    private static Map<String, Object> question(String model) {
        return Map.of("model", model, "max_tokens", 25, "messages", List.of(Map.of("role", "user",
                "content", "How often should I rotate my tyres? ".repeat(11))));
    }

    private static double ledgerSpend(String keyId) {
        // The ledger writes in the background; the report reads what it has stored.
        long deadline = System.nanoTime() + 5_000_000_000L;
        double spent;
        do {
            Api.Reply report = api.get("/api/v1/llm/usage?by=key&keyId=" + keyId, adminToken);
            assertThat(report.status()).as(report.toString()).isEqualTo(200);
            spent = report.json().path("rows").path(0).path("costUsd").asDouble();
            sleep(100);
        } while (System.nanoTime() < deadline && spent == 0);
        sleep(1_500);
        return api.get("/api/v1/llm/usage?by=key&keyId=" + keyId, adminToken).json().path("rows").path(0)
                .path("costUsd").asDouble();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Nested
    @DisplayName("budgets")
    class Budgets {

        @Test
        void shouldNeverOverspendBySeveralCallsUnderConcurrentCallsOnTwoReplicas() throws Exception {
            String[] key = newKey(null);
            double budget = 5 * CALL_COST;
            limit("keys", key[0], Map.of("dailyBudgetUsd", budget, "overBudget", "stop"));
            ExecutorService pool = Executors.newFixedThreadPool(24);
            List<Future<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                Api target = i % 2 == 0 ? api : secondApi;
                calls.add(pool.submit(() -> target.post("/v1/chat/completions", question("balanced"), key[1])));
            }
            int answered = 0;
            for (Future<Api.Reply> call : calls) {
                Api.Reply reply = call.get();
                if (reply.status() == 200) {
                    answered++;
                } else {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
                }
            }
            pool.shutdown();
            assertThat(answered).as("calls answered within a budget of five").isBetween(5, 6);
            assertThat(ledgerSpend(key[0])).isLessThanOrEqualTo(budget + CALL_COST + 1e-9);

            // Keys with a budget have their spend on the metrics endpoint (per replica, summed here).
            double exported = 0;
            for (Api replica : List.of(api, secondApi)) {
                for (String line : replica.get("/api/v1/metrics", null).text().lines().toList()) {
                    if (line.startsWith("llm_key_cost_dollars_total{key=\"" + key[0] + "\"")) {
                        exported += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
            assertThat(exported).isCloseTo(answered * CALL_COST, org.assertj.core.data.Offset.offset(1e-9));

            Api.Reply after = api.post("/v1/chat/completions", question("balanced"), key[1]);
            assertThat(after.status()).isEqualTo(429);
            assertThat(after.errorCode()).isEqualTo("insufficient_quota");
            assertThat(after.json().path("error").path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(after.header("x-should-retry")).isEqualTo("false");
        }

        @Test
        void shouldServeTheCheapAliasOnceABudgetSetToDowngradeIsSpent() {
            String[] key = newKey(null);
            limit("keys", key[0], Map.of("dailyBudgetUsd", 2 * CALL_COST, "overBudget", "downgrade"));
            for (int i = 0; i < 2; i++) {
                Api.Reply reply = api.post("/v1/chat/completions", question("balanced"), key[1]);
                assertThat(reply.json().path("choices").path(0).path("message").path("content").asText())
                        .isEqualTo("Rotate tyres every 10,000 km.");
            }
            sleep(400);
            Api.Reply downgraded = api.post("/v1/chat/completions", question("balanced"), key[1]);
            assertThat(downgraded.status()).as(downgraded.toString()).isEqualTo(200);
            assertThat(downgraded.json().path("model").asText()).isEqualTo("cheap");
            assertThat(downgraded.json().path("choices").path(0).path("message").path("content").asText())
                    .isEqualTo("A cheaper answer.");
        }

        @Test
        void shouldShareAUsersBudgetBetweenTheKeysItOwns() {
            UUID owner = new Accounts(api).aCustomer().register().userId();
            String[] first = newKey(owner);
            String[] other = newKey(owner);
            limit("users", owner.toString(), Map.of("dailyBudgetUsd", 2 * CALL_COST));
            assertThat(api.post("/v1/chat/completions", question("balanced"), first[1]).status()).isEqualTo(200);
            assertThat(secondApi.post("/v1/chat/completions", question("balanced"), other[1]).status()).isEqualTo(200);
            sleep(400);
            Api.Reply third = api.post("/v1/chat/completions", question("balanced"), other[1]);
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().path("error").path("message").asText()).contains("budget of this key's owner");
            Api.Reply byUser = api.get("/api/v1/llm/usage?by=user&userId=" + owner, adminToken);
            assertThat(byUser.json().path("rows").path(0).path("group").asText()).isEqualTo(owner.toString());
            assertThat(byUser.json().path("rows").path(0).path("calls").asLong()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("rates and models")
    class RatesAndModels {

        @Test
        void shouldHoldAKeysOwnRequestRateAcrossReplicas() {
            String[] key = newKey(null);
            limit("keys", key[0], Map.of("requestsPerMinute", 3));
            assertThat(api.get("/v1/models", key[1]).status()).isEqualTo(200);
            assertThat(secondApi.get("/v1/models", key[1]).status()).isEqualTo(200);
            assertThat(api.get("/v1/models", key[1]).status()).isEqualTo(200);
            Api.Reply fourth = secondApi.get("/v1/models", key[1]);
            assertThat(fourth.status()).isEqualTo(429);
            assertThat(fourth.json().path("error").path("type").asText()).isEqualTo("requests");
            assertThat(fourth.header("x-ratelimit-limit-requests")).isEqualTo("3");
        }

        @Test
        void shouldHoldATokensPerMinuteLimit() {
            String[] key = newKey(null);
            limit("keys", key[0], Map.of("tokensPerMinute", 200));
            assertThat(api.post("/v1/chat/completions", question("balanced"), key[1]).status()).isEqualTo(200);
            Api.Reply second = api.post("/v1/chat/completions", question("balanced"), key[1]);
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.json().path("error").path("type").asText()).isEqualTo("tokens");
        }

        @Test
        void shouldRefuseModelsOutsideTheKeysList() {
            String[] key = newKey(null);
            limit("keys", key[0], Map.of("allowedModels", List.of("cheap")));
            Api.Reply refused = api.post("/v1/chat/completions", question("balanced"), key[1]);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("model_not_allowed");
            assertThat(api.post("/v1/chat/completions", question("cheap"), key[1]).status()).isEqualTo(200);
            PROVIDER.verify(postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH))
                    .withRequestBody(matchingJsonPath("$.model", equalTo(CHEAP_MODEL))));
        }
    }

    @Nested
    @DisplayName("administration")
    class Administration {

        @Test
        void shouldSetReadAndLiftALimitAndRefuseUnknownKeysAndBadValues() {
            String[] key = newKey(null);
            limit("keys", key[0], Map.of("dailyBudgetUsd", 1.5, "monthlyBudgetUsd", 20, "overBudget", "downgrade",
                    "requestsPerMinute", 60, "allowedModels", List.of("balanced", "cheap")));
            Api.Reply read = api.get("/api/v1/llm/keys/" + key[0] + "/limits", adminToken);
            assertThat(read.json().path("dailyBudgetUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("1.5"));
            assertThat(read.json().path("monthlyBudgetUsd").asDouble()).isEqualTo(20.0);
            assertThat(read.json().path("overBudget").asText()).isEqualTo("downgrade");
            assertThat(read.json().path("requestsPerMinute").asInt()).isEqualTo(60);
            assertThat(read.json().path("tokensPerMinute").isNull()).isTrue();
            assertThat(read.json().path("allowedModels").toString()).isEqualTo("[\"balanced\",\"cheap\"]");

            assertThat(api.delete("/api/v1/llm/keys/" + key[0] + "/limits", adminToken).status()).isEqualTo(204);
            assertThat(api.get("/api/v1/llm/keys/" + key[0] + "/limits", adminToken).status()).isEqualTo(404);

            Api.Reply unknown = api.send("PUT", "/api/v1/llm/keys/" + UUID.randomUUID() + "/limits",
                    Map.of("dailyBudgetUsd", 1), adminToken);
            assertThat(unknown.status()).isEqualTo(404);
            Api.Reply negative = api.send("PUT", "/api/v1/llm/keys/" + key[0] + "/limits",
                    Map.of("dailyBudgetUsd", -1), adminToken);
            assertThat(negative.status()).isEqualTo(422);
        }

        @Test
        void shouldReportSpendPerModelAndPerDay() {
            String[] key = newKey(null);
            assertThat(api.post("/v1/chat/completions", question("balanced"), key[1]).status()).isEqualTo(200);
            double spent = ledgerSpend(key[0]);
            assertThat(spent).isCloseTo(CALL_COST, org.assertj.core.data.Offset.offset(1e-9));
            Api.Reply byModel = api.get("/api/v1/llm/usage?by=model&keyId=" + key[0], adminToken);
            assertThat(byModel.json().path("rows").path(0).path("group").asText())
                    .isEqualTo("openrouter/anthropic/claude-3.5-haiku");
            assertThat(byModel.json().path("rows").path(0).path("promptTokens").asLong()).isEqualTo(100);
            Api.Reply byDay = api.get("/api/v1/llm/usage?by=day&keyId=" + key[0], adminToken);
            assertThat(byDay.json().path("rows").path(0).path("group").asText())
                    .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
            assertThat(api.get("/api/v1/llm/usage?by=week", adminToken).status()).isEqualTo(422);
        }
    }
}
