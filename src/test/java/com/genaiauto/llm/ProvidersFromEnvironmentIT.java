package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.anthropicBody;
import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar with its baked-in config.yml, configured only through the environment as in a
 * container: setting a vendor's key (and, here, its base URL, pointing at a fake) enables that
 * vendor in the default aliases; vendors without a key stay out of every list.
 */
@DisplayName("Providers enabled by environment variables alone")
class ProvidersFromEnvironmentIT {

    static final WireMockServer OPENAI = FakeProviders.start();
    static final WireMockServer ANTHROPIC = FakeProviders.start();
    static final WireMockServer OLLAMA = FakeProviders.start();

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static ServedJar app;
    static String key;

    @BeforeAll
    static void startWithVendorKeys() throws Exception {
        OPENAI.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("gpt-4o-mini", "OpenAI says rotate every 10,000 km.", 12, 7))));
        OLLAMA.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("llama3.1:8b", "Ollama says rotate.", 12, 3))));
        ANTHROPIC.stubFor(post(urlEqualTo(FakeProviders.ANTHROPIC_PATH))
                .willReturn(json(anthropicBody("claude-3-5-haiku-latest", "Anthropic says rotate.", 12, 4))));
        app = ServedJar.start(DATABASE, REDIS, Map.of(
                "OPENAI_API_KEY", "sk-openai-test", "OPENAI_BASE_URL", OPENAI.baseUrl() + "/v1",
                "ANTHROPIC_API_KEY", "sk-ant-test", "ANTHROPIC_BASE_URL", ANTHROPIC.baseUrl(),
                "OLLAMA_BASE_URL", OLLAMA.baseUrl() + "/v1"));
        Api.Reply created = app.api().post("/api/v1/auth/api-keys", Map.of("name", "env"),
                new Accounts(app.api()).admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        key = created.field("key");
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        OPENAI.stop();
        ANTHROPIC.stop();
        OLLAMA.stop();
    }

    private Api.Reply ask(String model) {
        return app.api().post("/v1/chat/completions", Map.of("model", model,
                "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?"))), key);
    }

    @Test
    void shouldListTheVendorsWhoseKeysAreSetAndNoOthers() {
        Api.Reply models = app.api().get("/v1/models", key);
        List<String> ids = models.json().path("data").findValuesAsText("id");
        assertThat(ids).contains("cheap", "balanced", "quality", "openai/gpt-4o-mini", "openai/gpt-4o",
                "anthropic/claude-3-5-haiku-latest", "anthropic/claude-sonnet-4-0", "ollama/llama3.1:8b");
        assertThat(ids).noneMatch(id -> id.startsWith("openrouter/") || id.startsWith("groq/")
                || id.startsWith("gemini/"));
    }

    @Test
    void shouldServeTheDefaultAliasesFromTheFirstVendorThatHasAKey() {
        Api.Reply balanced = ask("balanced");
        assertThat(balanced.status()).as(balanced.toString()).isEqualTo(200);
        assertThat(balanced.json().path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Anthropic says rotate.");
        Api.Reply cheap = ask("cheap");
        assertThat(cheap.json().path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("OpenAI says rotate every 10,000 km.");
        assertThat(ask("ollama/llama3.1:8b").json().path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("Ollama says rotate.");
    }

    @Test
    void shouldSendEachVendorItsOwnKey() {
        ask("openai/gpt-4o-mini");
        ask("anthropic/claude-3-5-haiku-latest");
        OPENAI.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo(FakeProviders.OPENAI_PATH))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer sk-openai-test")));
        ANTHROPIC.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo(FakeProviders.ANTHROPIC_PATH))
                .withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("sk-ant-test")));
    }
}
