package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spend per UTC day and per key, user or model ({@code GET /api/v1/llm/usage/daily}), the series
 * the operator console charts: calls still in the ledger and days housekeeping rolled up count
 * alike. A call costs exactly 0.00018 USD here (100 prompt tokens at 0.80 USD and 25 completion
 * tokens at 4.00 USD per million).
 */
@DisplayName("Daily usage report")
class DailyUsageIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final double CALL_COST = 0.00018;
    static final String MODEL = "openrouter/anthropic/claude-3.5-haiku";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    static Api api;
    static String adminToken;
    static UUID owner;
    static String busyKey;
    static String quietKey;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate EARLIER = TODAY.minusDays(3);

    @BeforeAll
    static void spendOnTwoKeysOverTwoDays() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 100, 25))));
        api = APP.api();
        Accounts accounts = new Accounts(api);
        adminToken = accounts.admin().accessToken();
        owner = accounts.aCustomer().register().userId();
        GatewayKeys.Key busy = GatewayKeys.create(api, adminToken, "busy client", owner);
        GatewayKeys.Key quiet = GatewayKeys.create(api, adminToken, "quiet client", null);
        busyKey = busy.id();
        quietKey = quiet.id();
        for (String secret : List.of(busy.secret(), busy.secret(), quiet.secret())) {
            Api.Reply answer = api.post("/v1/chat/completions", Map.of("model", "balanced", "max_tokens", 25,
                    "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?"))), secret);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
        // A day housekeeping has already rolled up: two calls of the busy key, three days ago.
        try (Connection connection = APP.database().connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO llm_usage_daily (day, api_key_id, user_id, provider, model, calls, failures, prompt_tokens,"
                        + " completion_tokens, cost_usd) VALUES (?, ?, ?, 'openrouter', 'anthropic/claude-3.5-haiku',"
                        + " 2, 1, 200, 50, 0.00036)")) {
            insert.setObject(1, EARLIER);
            insert.setObject(2, UUID.fromString(busyKey));
            insert.setObject(3, owner);
            insert.executeUpdate();
        }
        awaitLedger(3);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    /** The ledger writes in the background; waits until today's calls are all stored. */
    private static void awaitLedger(long calls) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = api.get("/api/v1/llm/usage?by=day", adminToken).json().path("rows").path(0).path("calls").asLong();
            if (stored >= calls) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ledger holds " + stored + " of today's " + calls + " calls");
    }

    private static List<JsonNode> rows(String query) {
        Api.Reply report = api.get("/api/v1/llm/usage/daily?" + query, adminToken);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        report.json().path("rows").forEach(rows::add);
        return rows;
    }

    @Nested
    @DisplayName("per day and group")
    class PerDay {

        @Test
        void shouldGroupByKeyPerDayWithTheRolledUpDayFirst() {
            List<JsonNode> rows = rows("by=key&from=" + EARLIER + "&to=" + TODAY);
            assertThat(rows).extracting(row -> row.path("day").asText() + " " + row.path("group").asText()
                            + " " + row.path("calls").asLong())
                    .containsExactly(EARLIER + " " + busyKey + " 2", TODAY + " " + busyKey + " 2",
                            TODAY + " " + quietKey + " 1");
            assertThat(rows.get(1).path("costUsd").asDouble()).isCloseTo(2 * CALL_COST, within(1e-9));
            assertThat(rows.get(2).path("costUsd").asDouble()).isCloseTo(CALL_COST, within(1e-9));
            assertThat(rows.get(0).path("failures").asLong()).isEqualTo(1);
            assertThat(rows.get(1).path("promptTokens").asLong()).isEqualTo(200);
            assertThat(rows.get(1).path("completionTokens").asLong()).isEqualTo(50);
        }

        @Test
        void shouldGroupByUserWithKeysWithoutOwnerUnderNoUser() {
            List<JsonNode> rows = rows("by=user&from=" + EARLIER + "&to=" + TODAY);
            assertThat(rows).extracting(row -> row.path("day").asText() + " " + row.path("group").asText())
                    .containsExactly(EARLIER + " " + owner, TODAY + " " + owner, TODAY + " null");
            assertThat(rows.get(2).path("group").isNull()).isTrue();
        }

        @Test
        void shouldGroupByProviderAndModel() {
            List<JsonNode> rows = rows("by=model&from=" + EARLIER + "&to=" + TODAY);
            assertThat(rows).extracting(row -> row.path("day").asText() + " " + row.path("group").asText()
                            + " " + row.path("calls").asLong())
                    .containsExactly(EARLIER + " " + MODEL + " 2", TODAY + " " + MODEL + " 3");
        }

        @Test
        void shouldFilterByKeyAndDefaultToToday() {
            Api.Reply report = api.get("/api/v1/llm/usage/daily?by=model&keyId=" + quietKey, adminToken);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.json().path("by").asText()).isEqualTo("model");
            assertThat(report.json().path("from").asText()).isEqualTo(TODAY.toString());
            assertThat(report.json().path("to").asText()).isEqualTo(TODAY.toString());
            assertThat(report.json().path("truncated").asBoolean()).isFalse();
            assertThat(report.json().path("rows")).hasSize(1);
            assertThat(report.json().path("rows").path(0).path("calls").asLong()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {

        @Test
        void shouldRefuseGroupingByDayAloneAndUnknownGroupings() {
            for (String by : List.of("day", "week")) {
                Api.Reply refused = api.get("/api/v1/llm/usage/daily?by=" + by, adminToken);
                assertThat(refused.status()).as(by).isEqualTo(422);
                assertThat(refused.errorCode()).as(by).isEqualTo("validation_failed");
            }
        }

        @Test
        void shouldRefuseBadPeriods() {
            assertThat(api.get("/api/v1/llm/usage/daily?from=" + TODAY + "&to=" + EARLIER, adminToken).status())
                    .isEqualTo(422);
            assertThat(api.get("/api/v1/llm/usage/daily?from=yesterday", adminToken).status()).isEqualTo(422);
            assertThat(api.get("/api/v1/llm/usage/daily?from=" + TODAY.minusDays(400), adminToken).status())
                    .isEqualTo(422);
        }

        @Test
        void shouldBeForAdministratorsOnly() {
            Api.Reply agent = api.get("/api/v1/llm/usage/daily", new Accounts(api).anAgent().accessToken());
            assertThat(agent.status()).isEqualTo(403);
            assertThat(api.get("/api/v1/llm/usage/daily", null).status()).isEqualTo(401);
        }
    }
}
