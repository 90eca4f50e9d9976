package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.genaiauto.llm.FakeProviders.openAiStream;
import static com.genaiauto.llm.FakeProviders.sse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI-compatible gateway, driven by the official OpenAI Java SDK. */
@DisplayName("OpenAI-compatible gateway")
class GatewayIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final int RATE_PER_KEY = 40;

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test")
            .set("llm.gatewayRequestsPerMinutePerKey", Integer.toString(RATE_PER_KEY)));

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    private final Api api = new Api(APP.port());

    @BeforeEach
    void stubProvider() throws Exception {
        // Breaker state and operator switches outlive a test; every test starts from a healthy router.
        adminTask("llm-circuit", "provider=openrouter&action=reset");
        adminTask("llm-provider", "provider=openrouter&action=enable");
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(5)
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 21, 8))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(openAiStream("anthropic/claude-3.5-haiku",
                        List.of("Rotate ", "tyres ", "every ", "10,000 km."), 21, 8, true))));
    }

    private String newKey() {
        Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "sdk client"),
                new Accounts(api).admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("key");
    }

    private OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl("http://localhost:" + APP.port() + "/v1")
                .maxRetries(0).build();
    }

    private static ChatCompletionCreateParams question(String model) {
        return ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage("You are a service advisor.")
                .addUserMessage("How often should I rotate my tyres?")
                .build();
    }

    @Test
    void shouldAnswerAPlainCompletionThroughTheRouter() {
        ChatCompletion completion = sdk(newKey()).chat().completions().create(question("balanced"));
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValue("Rotate tyres every 10,000 km.");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(21);
            assertThat(usage.completionTokens()).isEqualTo(8);
        });
    }

    @Test
    void shouldStreamACompletion() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = sdk(newKey()).chat().completions()
                .createStreaming(question("balanced"))) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("Rotate tyres every 10,000 km.");
    }

    @Test
    void shouldListModelsIncludingTheProfiles() {
        var models = sdk(newKey()).models().list();
        assertThat(models.data()).extracting(model -> model.id())
                .containsExactly("cheap", "balanced", "quality", "openrouter/anthropic/claude-3.5-haiku",
                        "openrouter/meta-llama/llama-3.1-8b-instruct", "openrouter/anthropic/claude-sonnet-4",
                        "extractive", "bge-small-en-v1.5");
    }

    @Test
    void shouldRefuseUnknownAndRevokedKeys() {
        assertThatThrownBy(() -> sdk("gak_not_a_real_key").chat().completions().create(question("balanced")))
                .isInstanceOf(UnauthorizedException.class);
        String key = newKey();
        Api.Reply listed = api.get("/api/v1/auth/api-keys?limit=100", new Accounts(api).admin().accessToken());
        String id = null;
        for (var item : listed.json().path("items")) {
            if (key.startsWith("gak_" + item.path("prefix").asText() + "_")) {
                id = item.path("id").asText();
            }
        }
        assertThat(api.delete("/api/v1/auth/api-keys/" + id, new Accounts(api).admin().accessToken()).status())
                .isEqualTo(204);
        assertThatThrownBy(() -> sdk(key).chat().completions().create(question("balanced")))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void shouldRateLimitEachKey() {
        String key = newKey();
        int limitedAt = -1;
        for (int i = 1; i <= RATE_PER_KEY + 5; i++) {
            Api.Reply reply = api.send("GET", "/v1/models", null, key);
            if (reply.status() == 429) {
                limitedAt = i;
                assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
                assertThat(reply.header("x-ratelimit-limit-requests")).isEqualTo(Integer.toString(RATE_PER_KEY));
                assertThat(reply.json().path("error").path("type").asText()).isEqualTo("requests");
                assertThat(reply.errorCode()).isEqualTo("rate_limit_exceeded");
                break;
            }
            assertThat(reply.status()).isEqualTo(200);
        }
        assertThat(limitedAt).isEqualTo(RATE_PER_KEY + 1);
    }

    @Test
    void shouldPassEachChunkOnAsSoonAsTheProviderSendsIt() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(openAiStream("anthropic/claude-3.5-haiku",
                        List.of("one ", "two ", "three ", "four ", "five "), 10, 5, true))
                        .withChunkedDribbleDelay(6, 1_500)));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + APP.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + newKey()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"balanced\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}"))
                .build();
        long started = System.nanoTime();
        long firstToken = -1;
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (firstToken < 0 && line.contains("\"content\":\"one ")) {
                firstToken = System.nanoTime() - started;
            }
        }
        long total = System.nanoTime() - started;
        assertThat(total).isGreaterThan(1_200_000_000L);
        assertThat(firstToken).as("first token must not wait for the whole answer").isLessThan(total - 500_000_000L);
    }

    @Test
    void shouldEndACutStreamWithAnErrorEventInsteadOfDone() {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(openAiStream("anthropic/claude-3.5-haiku", List.of("Half an "), null, null, false))));
        Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "balanced", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Tell me everything"))), newKey());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains("Half an ", "\"type\":\"stream_interrupted\"").doesNotContain("[DONE]");
    }

    @Test
    void shouldLetOperatorsForceOpenAndResetABreakerAndDisableAProvider() throws Exception {
        String key = newKey();
        assertThat(adminTask("llm-circuit", "provider=openrouter&action=open")).contains("forced_open");
        Api.Reply status = api.get("/api/v1/llm/status", new Accounts(api).admin().accessToken());
        assertThat(status.json().path("providers").get(0).path("circuit").asText()).isEqualTo("forced_open");
        assertThat(api.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hi"))), key).status()).isEqualTo(503);
        PROVIDER.verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo(FakeProviders.OPENAI_PATH)));

        assertThat(adminTask("llm-circuit", "provider=openrouter&action=reset")).contains("closed");
        assertThat(api.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hi"))), key).status()).isEqualTo(200);

        assertThat(adminTask("llm-provider", "provider=openrouter&action=disable")).contains("disabled");
        assertThat(api.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hi"))), key).status()).isEqualTo(503);
        assertThat(adminTask("llm-provider", "provider=openrouter&action=enable")).contains("enabled");
    }

    @Test
    void shouldReportSpendByModelInTheStatus() {
        sdk(newKey()).chat().completions().create(question("balanced"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        Api.Reply status;
        do {
            status = api.get("/api/v1/llm/status", new Accounts(api).admin().accessToken());
        } while (status.json().path("budget").path("byModel").isEmpty() && System.nanoTime() < deadline);
        var byModel = status.json().path("budget").path("byModel");
        assertThat(byModel.toString()).contains("openrouter", "anthropic/claude-3.5-haiku");
        assertThat(status.json().path("budget").path("dailyLimitUsd").asDouble()).isPositive();
    }

    private String adminTask(String task, String query) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + APP.adminPort() + "/tasks/" + task + "?" + query))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void shouldAnswer503WhenNoProviderCanAnswer() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).willReturn(FakeProviders.status(500)));
        Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hello"))), newKey());
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.errorCode()).isEqualTo("llm_unavailable");
    }

    @Nested
    @DisplayName("served outside Jersey, with the service's conventions")
    class Conventions {

        private final Map<String, Object> question = Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?")));

        @Test
        void shouldStampRequestIdAndResponseTimeAndCountTheRequestInTheHttpMetrics() {
            var registry = APP.support().getEnvironment().metrics();
            String timer = PrometheusNames.dropwizardName("http.requests", "POST", "v1_chat_completions", "2xx");
            long before = registry.timer(timer).getCount();
            Api.Reply reply = api.post("/v1/chat/completions", question, newKey());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.header("X-Request-Id")).isNotBlank();
            assertThat(reply.header("X-Response-Time")).matches("\\d+\\.\\dms");
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(registry.timer(timer).getCount()).isEqualTo(before + 1);
        }

        @Test
        void shouldAnswerMalformedJsonWithOpenAisErrorShape() {
            Api.Reply reply = api.sendBytes("POST", "/v1/chat/completions", "application/json",
                    "{\"model\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8), newKey());
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("malformed_json");
            assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(reply.json().path("error").path("request_id").asText()).isEqualTo(reply.header("X-Request-Id"));
            assertThat(reply.text()).doesNotContain("Exception").doesNotContain("jackson");
        }

        @Test
        void shouldRefuseOtherContentTypesMethodsAndPaths() {
            String key = newKey();
            Api.Reply text = api.sendBytes("POST", "/v1/chat/completions", "text/plain",
                    "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), key);
            assertThat(text.status()).isEqualTo(415);
            assertThat(text.errorCode()).isEqualTo("unsupported_media_type");

            Api.Reply get = api.get("/v1/chat/completions", key);
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.errorCode()).isEqualTo("method_not_allowed");
            assertThat(get.header("Allow")).isEqualTo("POST");

            Api.Reply unknown = api.post("/v1/embedding", Map.of("input", "x"), key);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("unknown_url");
            assertThat(unknown.json().path("error").path("message").asText()).isEqualTo("Invalid URL (POST /v1/embedding)");
        }

        @Test
        void shouldRefuseAnInvalidRequestWith400NamingTheParameter() {
            Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "balanced", "messages", List.of()),
                    newKey());
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(reply.json().path("error").path("param").asText()).isEqualTo("messages");
            assertThat(reply.json().path("error").path("message").asText())
                    .isEqualTo("Invalid 'messages': must contain at least one message.");
        }

        @Test
        void shouldRefuseAKeyWithoutTheGatewayScope() {
            Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "reporting only",
                    "scopes", List.of("reports")), new Accounts(api).admin().accessToken());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Api.Reply reply = api.post("/v1/chat/completions", question, created.field("key"));
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.errorCode()).isEqualTo("forbidden");
            assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        }
    }
}
