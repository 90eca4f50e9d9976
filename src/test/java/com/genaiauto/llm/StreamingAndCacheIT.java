package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.anthropic;
import static com.genaiauto.llm.FakeProviders.anthropicBody;
import static com.genaiauto.llm.FakeProviders.anthropicStream;
import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAi;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.genaiauto.llm.FakeProviders.openAiStream;
import static com.genaiauto.llm.FakeProviders.openAiToolCallBody;
import static com.genaiauto.llm.FakeProviders.sse;
import static com.genaiauto.llm.FakeProviders.status;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.model.ToolDefinition;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Streaming, Anthropic, tools and the response cache")
class StreamingAndCacheIT extends ProviderTestBase {

    /** Collects a stream as a client would see it. */
    static final class Collector implements StreamListener {
        final List<String> deltas = new ArrayList<>();
        ChatResponse completed;
        LlmException failure;
        boolean failedAfterOutput;

        @Override
        public void delta(String text) {
            deltas.add(text);
        }

        @Override
        public void completed(ChatResponse response) {
            completed = response;
        }

        @Override
        public void failed(LlmException error, boolean afterOutput) {
            failure = error;
            failedAfterOutput = afterOutput;
        }
    }

    @Nested
    @DisplayName("streaming")
    class Streaming {

        @Test
        void shouldDeliverTokensInOrderAndBillTheReportedUsage() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).withRequestBody(matchingJsonPath("$.stream_options.include_usage",
                    equalTo("true"))).willReturn(sse(openAiStream(PRIMARY_MODEL,
                    List.of("Check ", "the ", "oil ", "monthly."), 40, 4, true))));
            Collector client = new Collector();

            fixture.router.stream(question(), client);

            assertThat(client.failure).isNull();
            assertThat(client.deltas).containsExactly("Check ", "the ", "oil ", "monthly.");
            assertThat(client.completed.content()).isEqualTo("Check the oil monthly.");
            List<Map<String, Object>> rows = fixture.ledgerRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("prompt_tokens", 40).containsEntry("completion_tokens", 4)
                    .containsEntry("tokens_estimated", false);
        }

        @Test
        void shouldEstimateAndSayWhenAProviderReportsNoUsage() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(sse(openAiStream(PRIMARY_MODEL,
                    List.of("Twelve chars"), null, null, true))));
            Collector client = new Collector();
            fixture.router.stream(question(), client);
            Map<String, Object> row = fixture.ledgerRows().get(0);
            assertThat(row).containsEntry("tokens_estimated", true);
            assertThat((Integer) row.get("completion_tokens")).isPositive();
            assertThat((Double) row.get("cost")).isPositive();
        }

        @Test
        void shouldNotCutALongAnswerThatKeepsFlowingPastTheProviderTimeout() throws Exception {
            // The provider timeout (2 s) bounds silence between events, not the whole answer (3 s).
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(sse(openAiStream(PRIMARY_MODEL,
                    List.of("a ", "long ", "and ", "steady ", "answer ", "about ", "brakes."), 30, 7, true))
                    .withChunkedDribbleDelay(12, 3_000)));
            Collector client = new Collector();
            fixture.router.stream(question(), client);
            assertThat(client.failure).isNull();
            assertThat(client.completed.content()).isEqualTo("a long and steady answer about brakes.");
        }

        @Test
        void shouldReplaceAProviderThatFailsBeforeItsFirstTokenTransparently() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(status(502)));
            secondary.stubFor(openAi(SECONDARY_MODEL).willReturn(sse(openAiStream(SECONDARY_MODEL,
                    List.of("From ", "the ", "backup."), 20, 3, true))));
            Collector client = new Collector();

            fixture.router.stream(question(), client);

            assertThat(client.failure).isNull();
            assertThat(String.join("", client.deltas)).isEqualTo("From the backup.");
            assertThat(client.completed.provider()).isEqualTo("secondary");
        }

        @Test
        void shouldEndACutStreamWithAClearErrorAndNotSpliceAnotherAnswer() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(sse(openAiStream(PRIMARY_MODEL,
                    List.of("The warning ", "light means "), null, null, false))));
            Collector client = new Collector();

            fixture.router.stream(question(), client);

            assertThat(client.completed).isNull();
            assertThat(client.failure).isNotNull();
            assertThat(client.failedAfterOutput).isTrue();
            assertThat(client.deltas).containsExactly("The warning ", "light means ");
            secondary.verify(0, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            // Billed once, as an estimate of what was generated before the cut.
            List<Map<String, Object>> rows = fixture.ledgerRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("status", "error").containsEntry("tokens_estimated", true);
        }
    }

    @Nested
    @DisplayName("Anthropic Messages")
    class Anthropic {

        RouterFixture anthropicFixture(WireMockServer server) throws Exception {
            return new RouterFixture("""
                    providers:
                      - name: claude
                        type: anthropic
                        baseUrl: %s
                        apiKey: sk-ant-test
                        timeout: 2s
                        retries: 0
                        models: [{id: claude-test, inputPricePerMillion: 1.0, outputPricePerMillion: 5.0}]
                    profiles:
                      balanced: [claude/claude-test]
                    cacheEnabled: false
                    """.formatted(server.baseUrl()), database, redis.url());
        }

        @Test
        void shouldSpeakTheMessagesApiWithSystemPromptAndVersionHeader() throws Exception {
            primary.stubFor(anthropic().withHeader("x-api-key", equalTo("sk-ant-test"))
                    .withHeader("anthropic-version", equalTo("2023-06-01"))
                    .withRequestBody(matchingJsonPath("$.system", containing("service advisor")))
                    .willReturn(json(anthropicBody("claude-test", "Every 15,000 km.", 25, 6))));
            try (RouterFixture claude = anthropicFixture(primary)) {
                claude.clearLedger();
                ChatResponse response = claude.router.complete(ChatRequest.builder().messages(List.of(
                        ChatMessage.system("You are a service advisor."), ChatMessage.user("Oil interval?")))
                        .allowDegraded(false).build());
                assertThat(response.content()).isEqualTo("Every 15,000 km.");
                assertThat(claude.ledgerRows().get(0)).containsEntry("prompt_tokens", 25)
                        .containsEntry("completion_tokens", 6);
            }
        }

        @Test
        void shouldStreamAndReadUsageFromTheEvents() throws Exception {
            primary.stubFor(anthropic().withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                    .willReturn(sse(anthropicStream("claude-test", List.of("Tyres ", "at ", "2.5 bar."), 33, 7))));
            try (RouterFixture claude = anthropicFixture(primary)) {
                claude.clearLedger();
                Collector client = new Collector();
                claude.router.stream(question(), client);
                assertThat(String.join("", client.deltas)).isEqualTo("Tyres at 2.5 bar.");
                assertThat(client.completed.usage().promptTokens()).isEqualTo(33);
                assertThat(claude.ledgerRows().get(0)).containsEntry("completion_tokens", 7)
                        .containsEntry("tokens_estimated", false);
            }
        }
    }

    @Nested
    @DisplayName("tools")
    class Tools {

        @Test
        void shouldPassToolsAndReturnTheModelsToolCalls() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).withRequestBody(matchingJsonPath("$.tools[0].function.name",
                    equalTo("find_free_slots"))).willReturn(json(openAiToolCallBody(PRIMARY_MODEL, "find_free_slots",
                    "{\"dealer\":\"north\",\"date\":\"2026-12-01\"}"))));
            var parameters = new ObjectMapper().readTree(
                    "{\"type\":\"object\",\"properties\":{\"dealer\":{\"type\":\"string\"},\"date\":{\"type\":\"string\"}}}");
            ChatResponse response = fixture.router.complete(ChatRequest.builder()
                    .messages(List.of(ChatMessage.user("Book me in at north on 1 December")))
                    .tools(List.of(new ToolDefinition("find_free_slots", "Free workshop slots", parameters)))
                    .allowDegraded(false).build());
            assertThat(response.toolCalls()).hasSize(1);
            assertThat(response.toolCalls().get(0).name()).isEqualTo("find_free_slots");
            assertThat(response.toolCalls().get(0).argumentsJson()).contains("north");
        }
    }

    @Nested
    @DisplayName("response cache")
    class Cache {

        RouterFixture cached(String ttl) throws Exception {
            return new RouterFixture(yaml("").replace("cacheEnabled: false", "cacheEnabled: true\ncacheTtlSeconds: " + ttl),
                    database, redis.url());
        }

        ChatRequest deterministic(String text) {
            return ChatRequest.builder().messages(List.of(ChatMessage.user(text))).temperature(0.0)
                    .allowDegraded(false).build();
        }

        @Test
        void shouldAnswerARepeatedDeterministicRequestFromTheCacheAndBillItOnce() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "cached answer", 50, 10))));
            try (RouterFixture router = cached("60")) {
                router.clearLedger();
                String unique = "What does the ABS light mean? " + System.nanoTime();
                ChatResponse first = router.router.complete(deterministic(unique));
                // Answers are stored in the background, a few milliseconds after they were given.
                router.cache.flushWrites();
                ChatResponse second = router.router.complete(deterministic("  " + unique + "  "));
                assertThat(first.cached()).isFalse();
                assertThat(second.cached()).isTrue();
                assertThat(second.content()).isEqualTo("cached answer");
                primary.verify(1, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
                List<Map<String, Object>> rows = router.ledgerRows();
                assertThat(rows).extracting(r -> r.get("cache_hit")).containsExactly(false, true);
                assertThat((Double) rows.get(1).get("cost")).isZero();
                // Both counters exist from the start (at zero): their counts tell what happened.
                assertThat(router.metrics.getCounters().get("cache.operations.hit.llm_response").getCount()).isEqualTo(1);
                assertThat(router.metrics.getCounters().get("cache.operations.miss.llm_response").getCount()).isEqualTo(1);
            }
        }

        @Test
        void shouldStoreAnswersInTheBackgroundWithinMilliseconds() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "stored soon", 5, 5))));
            try (RouterFixture router = cached("60")) {
                String unique = "When is the next service due? " + System.nanoTime();
                router.router.complete(deterministic(unique));
                String key = router.router.cache().keyFor(deterministic(unique)).orElseThrow();
                var commands = router.redisCommands();
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
                while (commands.exists(key) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertThat(router.router.complete(deterministic(unique)).cached()).isTrue();
                primary.verify(1, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            }
        }

        @Test
        void shouldNotCacheNonDeterministicRequests() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "varied", 5, 5))));
            try (RouterFixture router = cached("60")) {
                ChatRequest creative = ChatRequest.builder().messages(List.of(ChatMessage.user("A poem about brakes")))
                        .temperature(0.8).allowDegraded(false).build();
                router.router.complete(creative);
                router.router.complete(creative);
                primary.verify(2, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            }
        }

        @Test
        void shouldExpireCachedAnswers() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "short-lived", 5, 5))));
            try (RouterFixture router = cached("1")) {
                String unique = "Expiring question " + System.nanoTime();
                router.router.complete(deterministic(unique));
                Thread.sleep(1_300);
                assertThat(router.router.complete(deterministic(unique)).cached()).isFalse();
                primary.verify(2, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            }
        }

        @Test
        void shouldWorkWithoutCacheWhileRedisIsDown() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "no cache", 5, 5))));
            com.genaiauto.testing.PrivateRedis downRedis = com.genaiauto.testing.PrivateRedis.started();
            downRedis.stop();
            try (RouterFixture router = new RouterFixture(yaml("").replace("cacheEnabled: false", "cacheEnabled: true"),
                    database, downRedis.url())) {
                String unique = "Offline question " + System.nanoTime();
                assertThat(router.router.complete(deterministic(unique)).content()).isEqualTo("no cache");
                assertThat(router.router.complete(deterministic(unique)).cached()).isFalse();
                primary.verify(2, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            }
        }

        @Test
        void shouldReplayACachedAnswerAsAStream() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "one two three", 5, 3))));
            try (RouterFixture router = cached("60")) {
                String unique = "Stream me " + System.nanoTime();
                router.router.complete(deterministic(unique));
                router.cache.flushWrites();
                Collector client = new Collector();
                router.router.stream(deterministic(unique), client);
                assertThat(String.join("", client.deltas)).isEqualTo("one two three");
                assertThat(client.completed.cached()).isTrue();
                primary.verify(1, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            }
        }
    }
}
