package com.genaiauto.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway driven by the official OpenAI Node SDK ({@code src/test/js/openai-sdk.mjs}, npm
 * {@code openai}): the error classes it raises, which failures it retries, its streaming helper,
 * model listing and embeddings as it decodes them.
 */
@DisplayName("Gateway through the OpenAI Node SDK")
class OpenAiNodeSdkIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final String FAILING = "meta-llama/llama-3.1-8b-instruct";
    static final int RATE_PER_KEY = 60;
    static final Path SCRIPT = Path.of("src", "test", "js", "openai-sdk.mjs").toAbsolutePath();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER)
            .andThen(config -> config.set("llm.gatewayRequestsPerMinutePerKey", Integer.toString(RATE_PER_KEY))));

    static JsonNode report;

    @BeforeAll
    static void runTheSdk() throws Exception {
        FakeProviders.stubAnsweringAndFailing(PROVIDER, "anthropic/claude-3.5-haiku", FAILING);
        assertThat(SCRIPT.getParent().resolve("node_modules").resolve("openai"))
                .as("npm openai is installed (npm ci --prefix src/test/js, as scripts/provision does)").isDirectory();
        Api api = new Api(APP.port());
        Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "node client"),
                new Accounts(api).admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Processes.Result run = Processes.run(List.of("node", SCRIPT.toString()), "", Map.of(
                "GATEWAY_URL", "http://127.0.0.1:" + APP.port() + "/v1",
                "GATEWAY_KEY", created.field("key"),
                "FAILING_MODEL", "openrouter/" + FAILING), Duration.ofMinutes(2));
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().strip().lines().toList();
        report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void shouldAnswerAndStreamThroughTheSdksHelpers() {
        assertThat(report.path("chat").path("value").asText()).isEqualTo("Rotate tyres every 10,000 km.");
        assertThat(report.path("streamed").path("value").asText()).as(report.path("streamed").toString())
                .isEqualTo("Rotate tyres.");
    }

    @Test
    void shouldRaiseNotFoundErrorForAnUnknownModelWithoutRetrying() {
        for (String call : List.of("unknownModel", "unknownModelStream")) {
            JsonNode outcome = report.path(call);
            assertThat(outcome.path("errorClass").asText()).as(outcome.toString()).isEqualTo("NotFoundError");
            assertThat(outcome.path("code").asText()).isEqualTo("model_not_found");
            assertThat(outcome.path("requests").asInt()).as("requests sent by a client allowing 2 retries").isEqualTo(1);
        }
    }

    @Test
    void shouldRaiseInternalServerErrorForAnOutageAndRetryItAfterRetryAfter() {
        JsonNode outage = report.path("outage");
        assertThat(outage.path("errorClass").asText()).as(outage.toString()).isEqualTo("InternalServerError");
        assertThat(outage.path("status").asInt()).isEqualTo(503);
        assertThat(outage.path("retryAfter").asText()).isEqualTo("5");
        assertThat(outage.path("requests").asInt()).as("one retry allowed").isEqualTo(2);
        assertThat(outage.path("millis").asLong()).isGreaterThanOrEqualTo(4_500);

        JsonNode stream = report.path("outageStream");
        assertThat(stream.path("errorClass").asText()).as(stream.toString()).isEqualTo("InternalServerError");
        assertThat(stream.path("status").asInt()).isEqualTo(503);
    }

    @Test
    void shouldRaiseBadRequestAndAuthenticationErrorsWithoutRetrying() {
        JsonNode bad = report.path("badRequest");
        assertThat(bad.path("errorClass").asText()).as(bad.toString()).isEqualTo("BadRequestError");
        assertThat(bad.path("param").asText()).isEqualTo("temperature");
        assertThat(bad.path("requests").asInt()).isEqualTo(1);
        JsonNode badKey = report.path("badKey");
        assertThat(badKey.path("errorClass").asText()).as(badKey.toString()).isEqualTo("AuthenticationError");
        assertThat(badKey.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(badKey.path("requests").asInt()).isEqualTo(1);
    }

    @Test
    void shouldListRetrieveAndEmbed() {
        List<String> ids = new java.util.ArrayList<>();
        report.path("models").path("value").forEach(id -> ids.add(id.asText()));
        assertThat(ids).contains("balanced", "extractive", "bge-small-en-v1.5");
        assertThat(report.path("retrieved").path("value").asText()).isEqualTo("genai-auto");
        JsonNode embeddings = report.path("embeddings").path("value");
        assertThat(embeddings.path("count").asInt()).as(report.path("embeddings").toString()).isEqualTo(3);
        assertThat(embeddings.path("dimensions").asInt()).isEqualTo(384);
        assertThat(embeddings.path("sameAsFloat").asBoolean()).isTrue();
        assertThat(embeddings.path("paraphraseCloser").asBoolean()).isTrue();
        assertThat(embeddings.path("model").asText()).isEqualTo("bge-small-en-v1.5");
    }

    @Test
    void shouldRaiseRateLimitErrorNamingTheLimit() {
        JsonNode limited = report.path("rateLimited");
        assertThat(limited.path("errorClass").asText()).as(limited.toString()).isEqualTo("RateLimitError");
        assertThat(limited.path("type").asText()).isEqualTo("requests");
        assertThat(limited.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.path("retryAfter").asText()).matches("[1-9][0-9]*");
    }
}
