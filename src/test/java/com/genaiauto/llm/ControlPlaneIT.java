package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One control plane for two replicas sharing PostgreSQL and Redis: an admin task run on either
 * replica switches a provider or its breaker on both, a replica started later applies the stored
 * switches, a budget reset reaches every replica, and the provider's request quota is one quota.
 */
@DisplayName("Operator switches and provider quotas across replicas")
class ControlPlaneIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final int QUOTA = 10;

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test")
            .set("llm.providers[0].requestsPerMinute", Integer.toString(QUOTA)));

    static DropwizardTestSupport<GenAiAutoConfiguration> second;
    static String key;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        second = APP.startReplica();
        Api api = APP.api();
        key = api.post("/api/v1/auth/api-keys", Map.of("name", "control"), new Accounts(api).admin().accessToken())
                .field("key");
    }

    @AfterAll
    static void stopAll() {
        second.after();
        PROVIDER.stop();
    }

    @BeforeEach
    void healthyProvider() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres.", 10, 3))));
    }

    @AfterEach
    void switchesBackToNormal() throws Exception {
        task(APP.adminPort(), "llm-provider", "provider=openrouter&action=enable");
        task(APP.adminPort(), "llm-circuit", "provider=openrouter&action=reset");
    }

    private static String task(int adminPort, String name, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + adminPort + "/tasks/" + name + "?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String circuit(int port) {
        Api api = new Api(port);
        return api.get("/api/v1/llm/status", new Accounts(api).admin().accessToken()).json().path("providers")
                .get(0).path("circuit").asText();
    }

    private static boolean enabled(int port) {
        Api api = new Api(port);
        return api.get("/api/v1/llm/status", new Accounts(api).admin().accessToken()).json().path("providers")
                .get(0).path("enabled").asBoolean();
    }

    /** The other replica hears of a switch through Redis at once; a few hundred milliseconds suffice. */
    private static <T> T eventually(Supplier<T> read, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        T value = read.get();
        while (!value.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    @Test
    void shouldDisableAndEnableAProviderOnEveryReplicaFromEither() throws Exception {
        assertThat(task(APP.adminPort(), "llm-provider", "provider=openrouter&action=disable")).contains("disabled");
        assertThat(eventually(() -> enabled(second.getLocalPort()), false)).isFalse();
        Api.Reply refused = new Api(second.getLocalPort()).post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hi"))), key);
        assertThat(refused.status()).isEqualTo(503);
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));

        assertThat(task(second.getAdminPort(), "llm-provider", "provider=openrouter&action=enable")).contains("enabled");
        assertThat(eventually(() -> enabled(APP.port()), true)).isTrue();
    }

    @Test
    void shouldHoldABreakerOpenOnEveryReplicaUntilAResetFromEither() throws Exception {
        assertThat(task(second.getAdminPort(), "llm-circuit", "provider=openrouter&action=open")).contains("forced_open");
        assertThat(eventually(() -> circuit(APP.port()), "forced_open")).isEqualTo("forced_open");
        assertThat(task(APP.adminPort(), "llm-circuit", "provider=openrouter&action=reset")).contains("closed");
        assertThat(eventually(() -> circuit(second.getLocalPort()), "closed")).isEqualTo("closed");
    }

    @Test
    void shouldApplyStoredSwitchesOnAReplicaThatStartsLater() throws Exception {
        task(APP.adminPort(), "llm-provider", "provider=openrouter&action=disable");
        task(APP.adminPort(), "llm-circuit", "provider=openrouter&action=open");
        DropwizardTestSupport<GenAiAutoConfiguration> third = APP.startReplica();
        try {
            assertThat(enabled(third.getLocalPort())).isFalse();
            assertThat(circuit(third.getLocalPort())).isEqualTo("forced_open");
        } finally {
            third.after();
        }
    }

    @Test
    void shouldResetTodaysBudgetOnEveryReplica() throws Exception {
        Api other = new Api(second.getLocalPort());
        assertThat(other.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hi"))), key).status()).isEqualTo(200);
        Supplier<Boolean> spentOnSecond = () -> other.get("/api/v1/llm/status", new Accounts(other).admin().accessToken())
                .json().path("budget").path("spentUsd").asDouble() > 0;
        assertThat(eventually(spentOnSecond, true)).as("the call's spend is counted").isTrue();

        assertThat(task(APP.adminPort(), "llm-budget-reset", "")).contains("budget reset");
        assertThat(eventually(spentOnSecond, false)).as("the other replica starts from zero").isFalse();
    }

    @Test
    void shouldShareTheProvidersRequestQuotaBetweenReplicas() throws Exception {
        int answeredByProvider = 0;
        for (int i = 0; i < 2 * QUOTA; i++) {
            Api api = new Api(i % 2 == 0 ? APP.port() : second.getLocalPort());
            Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "openrouter/anthropic/claude-3.5-haiku",
                    "messages", List.of(Map.of("role", "user", "content", "question " + i))), key);
            if (reply.status() == 200) {
                answeredByProvider++;
            } else {
                assertThat(reply.status()).isEqualTo(503);
            }
        }
        // Each replica alone would have let QUOTA calls through: together they let at most QUOTA.
        assertThat(answeredByProvider).isLessThanOrEqualTo(QUOTA).isPositive();
        PROVIDER.verify(answeredByProvider, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
    }

    @Nested
    @DisplayName("switches on the application port, for the operator console")
    class RestSwitches {

        private Api.Reply flip(int port, String path, String token) {
            return new Api(port).post("/api/v1/llm/providers/" + path, null, token);
        }

        private String adminToken(int port) {
            Api api = new Api(port);
            return new Accounts(api).admin().accessToken();
        }

        @Test
        void shouldDisableAndEnableAProviderOnEveryReplicaAndAnswerItsState() throws Exception {
            Api.Reply disabled = flip(APP.port(), "openrouter/disable", adminToken(APP.port()));
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
            assertThat(disabled.json().path("name").asText()).isEqualTo("openrouter");
            assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
            assertThat(disabled.json().path("switchable").asBoolean()).isTrue();
            assertThat(eventually(() -> enabled(second.getLocalPort()), false)).isFalse();

            Api.Reply enabled = flip(second.getLocalPort(), "openrouter/enable", adminToken(second.getLocalPort()));
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
            assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
            assertThat(eventually(() -> enabled(APP.port()), true)).isTrue();
        }

        @Test
        void shouldForceABreakerOpenAndResetItOnEveryReplica() throws Exception {
            Api.Reply opened = flip(APP.port(), "openrouter/circuit/open", adminToken(APP.port()));
            assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
            assertThat(opened.json().path("circuit").asText()).isEqualTo("forced_open");
            assertThat(eventually(() -> circuit(second.getLocalPort()), "forced_open")).isEqualTo("forced_open");

            Api.Reply reset = flip(second.getLocalPort(), "openrouter/circuit/reset", adminToken(second.getLocalPort()));
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
            assertThat(reset.json().path("circuit").asText()).isEqualTo("closed");
            assertThat(eventually(() -> circuit(APP.port()), "closed")).isEqualTo("closed");
        }

        @Test
        void shouldRecordEverySwitchInTheAuditLogUnderTheAdministrator() {
            String token = adminToken(APP.port());
            String adminId = APP.api().get("/api/v1/auth/me", token).field("id");
            Supplier<Long> disables = () -> audited("llm.provider_disabled", adminId);
            Supplier<Long> opens = () -> audited("llm.circuit_open", adminId);
            long disabledBefore = disables.get();
            long openedBefore = opens.get();
            assertThat(flip(APP.port(), "openrouter/disable", token).status()).isEqualTo(200);
            assertThat(flip(APP.port(), "openrouter/circuit/open", token).status()).isEqualTo(200);
            assertThat(disables.get()).isEqualTo(disabledBefore + 1);
            assertThat(opens.get()).isEqualTo(openedBefore + 1);
        }

        private long audited(String action, String adminId) {
            return APP.database().count("SELECT count(*) FROM audit_log WHERE action = '" + action
                    + "' AND target_type = 'provider' AND target_id = 'openrouter' AND actor_user_id = '" + adminId + "'");
        }

        @Test
        void shouldAnswer404ForAnUnknownProviderAndForTheLocalResponder() {
            String token = adminToken(APP.port());
            Api.Reply unknown = flip(APP.port(), "nobody/disable", token);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("not_found");
            Api.Reply local = flip(APP.port(), "extractive/circuit/open", token);
            assertThat(local.status()).isEqualTo(404);
            assertThat(local.errorCode()).isEqualTo("not_found");
            var providers = APP.api().get("/api/v1/llm/status", token).json().path("providers");
            assertThat(providers.get(providers.size() - 1).path("name").asText()).isEqualTo("extractive");
            assertThat(providers.get(providers.size() - 1).path("switchable").asBoolean()).isFalse();
        }

        @Test
        void shouldRefuseSupportAgents() {
            String agent = new Accounts(APP.api()).anAgent().accessToken();
            Api.Reply refused = flip(APP.port(), "openrouter/disable", agent);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(enabled(APP.port())).isTrue();
        }
    }
}
