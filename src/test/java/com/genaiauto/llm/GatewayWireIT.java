package com.genaiauto.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway as the official OpenAI Java SDK sees it: which exception class each failure raises,
 * whether the SDK retries it, streams that cannot start, model listing and embeddings. The cheap
 * model's upstream always fails here (a real upstream failure); the breaker is set so that it
 * never opens, so every failure reaches the provider.
 */
@DisplayName("Gateway on OpenAI's wire, through the OpenAI Java SDK")
class GatewayWireIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final String GOOD = "anthropic/claude-3.5-haiku";
    static final String FAILING = "meta-llama/llama-3.1-8b-instruct";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    private final Api api = new Api(APP.port());
    private static String key;

    @BeforeEach
    void stubProvider() {
        PROVIDER.resetAll();
        FakeProviders.stubAnsweringAndFailing(PROVIDER, GOOD, FAILING);
        if (key == null) {
            Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "sdk client"),
                    new Accounts(api).admin().accessToken());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            key = created.field("key");
        }
    }

    private OpenAIClient sdk(int maxRetries) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl("http://localhost:" + APP.port() + "/v1")
                .maxRetries(maxRetries).build();
    }

    private static ChatCompletionCreateParams question(String model) {
        return ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("How often should I rotate my tyres?").build();
    }

    private long answered(String route, String statusClass) {
        return APP.support().getEnvironment().metrics()
                .timer(PrometheusNames.dropwizardName("http.requests", "POST", route, statusClass)).getCount();
    }

    @Nested
    @DisplayName("errors and the SDK's retry decisions")
    class Errors {

        @Test
        void shouldAnswerAnUnknownModelWith404ModelNotFoundWhichTheSdkDoesNotRetry() {
            long before = answered("v1_chat_completions", "4xx");
            NotFoundException error = catchThrowableOfType(NotFoundException.class,
                    () -> sdk(2).chat().completions().create(question("gpt-4o")));
            assertThat(error.statusCode()).isEqualTo(404);
            assertThat(error.code()).hasValue("model_not_found");
            assertThat(error.type()).hasValue("invalid_request_error");
            assertThat(error.param()).hasValue("model");
            assertThat(error.getMessage()).contains("The model `gpt-4o` does not exist");
            assertThat(answered("v1_chat_completions", "4xx") - before).as("requests the SDK sent").isEqualTo(1);
            PROVIDER.verify(0, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
        }

        @Test
        void shouldAnswerAnUpstreamFailureWith503WhichTheSdkRetriesAfterRetryAfter() {
            long before = answered("v1_chat_completions", "5xx");
            long started = System.nanoTime();
            InternalServerException error = catchThrowableOfType(InternalServerException.class,
                    () -> sdk(1).chat().completions().create(question("openrouter/" + FAILING)));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(error.statusCode()).isEqualTo(503);
            assertThat(error.type()).hasValue("server_error");
            assertThat(error.code()).hasValue("llm_unavailable");
            assertThat(error.headers().values("Retry-After")).containsExactly("5");
            assertThat(answered("v1_chat_completions", "5xx") - before).as("requests the SDK sent").isEqualTo(2);
            assertThat(elapsedMillis).as("the SDK waited for Retry-After").isGreaterThanOrEqualTo(4_500);
            PROVIDER.verify(2, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
        }

        @Test
        void shouldAnswerAnInvalidRequestWith400NamingTheParameter() {
            BadRequestException error = catchThrowableOfType(BadRequestException.class,
                    () -> sdk(2).chat().completions().create(ChatCompletionCreateParams.builder().model("balanced")
                            .addUserMessage("hello").temperature(3.5).build()));
            assertThat(error.param()).hasValue("temperature");
            assertThat(error.type()).hasValue("invalid_request_error");
        }
    }

    @Nested
    @DisplayName("streams")
    class Streams {

        @Test
        void shouldFailAStreamThatCannotStartWithAStatusBeforeAnyByte() {
            Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "openrouter/" + FAILING, "stream", true,
                    "messages", List.of(Map.of("role", "user", "content", "hello"))), key);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.json().path("error").path("code").asText()).isEqualTo("llm_unavailable");

            assertThatThrownBy(() -> {
                try (StreamResponse<ChatCompletionChunk> stream = sdk(0).chat().completions()
                        .createStreaming(question("openrouter/" + FAILING))) {
                    stream.stream().forEach(chunk -> { });
                }
            }).isInstanceOf(InternalServerException.class);
        }

        @Test
        void shouldRefuseAStreamToAnUnknownModelWith404() {
            assertThatThrownBy(() -> {
                try (StreamResponse<ChatCompletionChunk> stream = sdk(0).chat().completions()
                        .createStreaming(question("no-such-model"))) {
                    stream.stream().forEach(chunk -> { });
                }
            }).isInstanceOf(NotFoundException.class);
        }

        @Test
        void shouldStreamThroughTheSdksStreamingHelper() {
            StringBuilder text = new StringBuilder();
            try (StreamResponse<ChatCompletionChunk> stream = sdk(0).chat().completions()
                    .createStreaming(question("balanced"))) {
                stream.stream().forEach(chunk -> chunk.choices()
                        .forEach(choice -> choice.delta().content().ifPresent(text::append)));
            }
            assertThat(text.toString()).isEqualTo("Rotate tyres.");
        }
    }

    @Nested
    @DisplayName("models")
    class Models {

        @Test
        void shouldRetrieveAModelByIdAndRefuseAnUnknownOne() {
            var model = sdk(0).models().retrieve("balanced");
            assertThat(model.id()).isEqualTo("balanced");
            assertThat(model.ownedBy()).isEqualTo("genai-auto");
            NotFoundException error = catchThrowableOfType(NotFoundException.class,
                    () -> sdk(0).models().retrieve("gpt-4o"));
            assertThat(error.code()).hasValue("model_not_found");
        }

        @Test
        void shouldRetrieveAModelWhoseIdHasSlashesEncodedOrNot() {
            // The SDK percent-encodes the slashes of a path parameter.
            var model = sdk(0).models().retrieve("openrouter/anthropic/claude-3.5-haiku");
            assertThat(model.id()).isEqualTo("openrouter/anthropic/claude-3.5-haiku");
            assertThat(model.ownedBy()).isEqualTo("openrouter");
            for (String path : List.of("/v1/models/openrouter/anthropic/claude-3.5-haiku",
                    "/v1/models/openrouter%2Fanthropic%2Fclaude-3.5-haiku", "/v1/models/openrouter%2fanthropic/claude-3.5-haiku")) {
                Api.Reply deployment = api.get(path, key);
                assertThat(deployment.status()).as(path + " " + deployment).isEqualTo(200);
                assertThat(deployment.json().path("id").asText()).isEqualTo("openrouter/anthropic/claude-3.5-haiku");
            }
            NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
                    () -> sdk(0).models().retrieve("openai/gpt-4o-mini"));
            assertThat(unknown.code()).hasValue("model_not_found");
            assertThat(unknown.getMessage()).contains("openai/gpt-4o-mini");
            Api.Reply encodedUnknown = api.get("/v1/models/openai%2Fgpt-4o-mini", key);
            assertThat(encodedUnknown.status()).isEqualTo(404);
            assertThat(encodedUnknown.errorCode()).isEqualTo("model_not_found");
            Api.Reply elsewhere = api.get("/v1/chat%2Fcompletions", key);
            assertThat(elsewhere.status()).isEqualTo(404);
            assertThat(elsewhere.errorCode()).isEqualTo("unknown_url");
        }

        @Test
        void shouldStillRefuseAnEncodedSlashOutsideTheGateway() {
            Api.Reply ambiguous = api.get("/api/v1/auth%2Fme", new Accounts(api).admin().accessToken());
            assertThat(ambiguous.status()).isEqualTo(400);
            assertThat(ambiguous.text()).doesNotContain("<html");
        }

        @Test
        void shouldListOnlyModelsThatCanAnswerNow() {
            assertThat(APP.task("llm-provider", "provider=openrouter&action=disable")).contains("disabled");
            try {
                var ids = sdk(0).models().list().data().stream().map(model -> model.id()).toList();
                assertThat(ids).containsExactly("extractive", "bge-small-en-v1.5");
                // Known but unable to answer: a real outage (503), not the client's mistake (404).
                assertThat(api.post("/v1/chat/completions", Map.of("model", "balanced",
                        "messages", List.of(Map.of("role", "user", "content", "hi"))), key).status()).isEqualTo(503);
            } finally {
                assertThat(APP.task("llm-provider", "provider=openrouter&action=enable")).contains("enabled");
            }
            assertThat(sdk(0).models().list().data().stream().map(model -> model.id()).toList())
                    .contains("balanced", "openrouter/anthropic/claude-3.5-haiku");
        }
    }

    @Nested
    @DisplayName("embeddings")
    class Embeddings {

        private CreateEmbeddingResponse embed(List<String> inputs, EmbeddingCreateParams.EncodingFormat format) {
            return sdk(0).embeddings().create(EmbeddingCreateParams.builder().model("bge-small-en-v1.5")
                    .inputOfArrayOfStrings(inputs).encodingFormat(format).build());
        }

        @Test
        void shouldEmbedABatchInInputOrderAsFloatsAndAsBase64Alike() {
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                inputs.add(i % 2 == 0 ? "Tyre pressure for the front wheels, number " + i
                        : "Replacing the windscreen wiper blades, step " + i);
            }
            CreateEmbeddingResponse floats = embed(inputs, EmbeddingCreateParams.EncodingFormat.FLOAT);
            CreateEmbeddingResponse base64 = embed(inputs, EmbeddingCreateParams.EncodingFormat.BASE64);
            assertThat(floats.data()).hasSize(40);
            assertThat(floats.model()).isEqualTo("bge-small-en-v1.5");
            assertThat(floats.usage().promptTokens()).isPositive();
            for (int i = 0; i < 40; i++) {
                assertThat(floats.data().get(i).index()).isEqualTo(i);
                assertThat(floats.data().get(i).embedding()).hasSize(384);
                assertThat(base64.data().get(i).embedding()).containsExactlyElementsOf(floats.data().get(i).embedding());
            }
            // In input order: the tyre texts are closer to each other than to the wiper texts.
            assertThat(cosine(floats, 0, 2)).isGreaterThan(cosine(floats, 0, 1));
        }

        @Test
        void shouldMatchAParaphraseBetterThanAnUnrelatedText() {
            CreateEmbeddingResponse response = embed(List.of("How do I check my tire inflation?",
                    "Checking the tyre pressures", "Pairing a phone over Bluetooth"),
                    EmbeddingCreateParams.EncodingFormat.FLOAT);
            assertThat(cosine(response, 0, 1)).isGreaterThan(cosine(response, 0, 2) + 0.1);
        }

        @Test
        void shouldRefuseAnUnknownEmbeddingModelAndTokenArrays() {
            NotFoundException unknown = catchThrowableOfType(NotFoundException.class, () -> sdk(0).embeddings()
                    .create(EmbeddingCreateParams.builder().model("text-embedding-3-small").input("hello").build()));
            assertThat(unknown.code()).hasValue("model_not_found");
            Api.Reply tokens = api.post("/v1/embeddings", Map.of("model", "bge-small-en-v1.5",
                    "input", List.of(List.of(1, 2, 3))), key);
            assertThat(tokens.status()).isEqualTo(400);
            assertThat(tokens.json().path("error").path("param").asText()).isEqualTo("input");
            Api.Reply dimensions = api.post("/v1/embeddings", Map.of("model", "bge-small-en-v1.5",
                    "input", "hello", "dimensions", 256), key);
            assertThat(dimensions.status()).isEqualTo(400);
            assertThat(dimensions.json().path("error").path("param").asText()).isEqualTo("dimensions");
        }

        private static double cosine(CreateEmbeddingResponse response, int a, int b) {
            List<Float> x = response.data().get(a).embedding();
            List<Float> y = response.data().get(b).embedding();
            double dot = 0;
            double nx = 0;
            double ny = 0;
            for (int i = 0; i < x.size(); i++) {
                dot += x.get(i) * y.get(i);
                nx += x.get(i) * x.get(i);
                ny += y.get(i) * y.get(i);
            }
            return dot / Math.sqrt(nx * ny);
        }
    }
}
