package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.connectionReset;
import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAi;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.genaiauto.llm.FakeProviders.status;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Router: fallback, retries, breakers, deadlines, ledger")
class RouterIT extends ProviderTestBase {


    @Nested
    @DisplayName("fallback")
    class Fallback {

        @Test
        void shouldAnswerFromThePrimaryWhenItIsHealthyAndBillIt() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "from primary", 1000, 500))));

            ChatResponse response = fixture.router.complete(question());

            assertThat(response.content()).isEqualTo("from primary");
            assertThat(response.provider()).isEqualTo("primary");
            List<Map<String, Object>> rows = fixture.ledgerRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("status", "success").containsEntry("prompt_tokens", 1000)
                    .containsEntry("completion_tokens", 500);
            // 1000 × $2/M + 500 × $8/M
            assertThat((Double) rows.get(0).get("cost")).isCloseTo(0.006, org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        void shouldQueueASpikeForThePrimaryInsteadOfSpillingItOntoTheFallback() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "queued", 3, 3))
                    .withFixedDelay(100)));
            try (RouterFixture narrow = new RouterFixture(yaml("").replaceFirst("requestsPerMinute: 1000000",
                    "requestsPerMinute: 1000000\n    maxConcurrentCalls: 4\n    maxQueueWait: 4s"), database, redis.url())) {
                // Four at a time, 100 ms each: the last waits about a second, well within its wait.
                assertThat(providersAnsweringAtOnce(narrow, 40)).containsOnly("primary");
            }
        }

        @Test
        void shouldSpillOntoTheFallbackOnlyWhenTheQueueIsFull() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "slow", 3, 3))
                    .withFixedDelay(1_500)));
            try (RouterFixture tiny = new RouterFixture(yaml("").replaceFirst("requestsPerMinute: 1000000",
                    "requestsPerMinute: 1000000\n    maxConcurrentCalls: 2\n    maxQueuedCalls: 2\n    maxQueueWait: 4s"),
                    database, redis.url())) {
                List<String> providers = providersAnsweringAtOnce(tiny, 8);
                // Two run, two wait; the other four find the queue full and go to the secondary at once.
                assertThat(providers).filteredOn("primary"::equals).hasSize(4);
                assertThat(providers).filteredOn("secondary"::equals).hasSize(4);
            }
        }

        private List<String> providersAnsweringAtOnce(RouterFixture router, int calls) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(calls);
            try {
                List<Future<String>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    answers.add(pool.submit(() -> router.router.complete(question()).provider()));
                }
                List<String> providers = new java.util.ArrayList<>();
                for (Future<String> answer : answers) {
                    providers.add(answer.get());
                }
                return providers;
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void shouldFallBackOnServerErrors() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(status(503)));
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
            // retries: 1 → two attempts on the primary before moving on
            primary.verify(2, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            assertThat(fixture.ledgerRows()).extracting(r -> r.get("provider") + ":" + r.get("status"))
                    .containsExactly("primary:error", "primary:error", "secondary:success");
        }

        @Test
        void shouldFallBackOnTimeouts() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "late", 1, 1))
                    .withFixedDelay(3_000)));
            long started = System.nanoTime();
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4_900));
            assertThat(fixture.ledgerRows()).extracting(r -> r.get("status")).contains("timeout");
        }

        @Test
        void shouldCutOffAProviderThatSendsHeadersThenStallsTheBody() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "slowly dripping", 1, 1))
                    .withChunkedDribbleDelay(20, 8_000)));
            long started = System.nanoTime();
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4_900));
        }

        @Test
        void shouldKeepTheLedgerRowWhenItsConversationNoLongerExists() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "ok", 3, 3))));
            ChatRequest erased = ChatRequest.builder().messages(List.of(ChatMessage.user("hello")))
                    .attribution(new ChatRequest.Attribution("req-1", java.util.UUID.randomUUID(), null, null))
                    .allowDegraded(false).build();
            fixture.router.complete(erased);
            fixture.router.complete(question());
            List<Map<String, Object>> rows = fixture.ledgerRows();
            assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("status", "success"));
        }

        @Test
        void shouldFallBackOnConnectionErrors() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(connectionReset()));
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
        }

        @Test
        void shouldFallBackOnMalformedAnswers() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json("{\"choices\": \"not what you expected\"")));
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json("{\"id\":\"x\",\"choices\":[]}")));
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
        }

        @Test
        void shouldFallBackOnRateLimits() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(status(429).withHeader("Retry-After", "30")));
            long started = System.nanoTime();
            assertThat(fixture.router.complete(question()).provider()).isEqualTo("secondary");
            // Retry-After beyond the deadline: no pointless wait, straight to the next candidate.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            primary.verify(1, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
        }

        @Test
        void shouldMoveOnWhenAProviderIsAtItsConfiguredRequestRate() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "from primary", 1, 1))));
            try (RouterFixture limited = new RouterFixture(yaml("").replaceFirst("requestsPerMinute: 1000000",
                    "requestsPerMinute: 2"), database, redis.url())) {
                assertThat(limited.router.complete(question()).provider()).isEqualTo("primary");
                assertThat(limited.router.complete(question()).provider()).isEqualTo("primary");
                assertThat(limited.router.complete(question()).provider()).isEqualTo("secondary");
            }
        }

        @Test
        void shouldNotFallBackWhenTheRequestItselfIsRejected() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(aResponse().withStatus(400)
                    .withBody("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
                            + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")));
            assertThatThrownBy(() -> fixture.router.complete(question()))
                    .isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.REQUEST))
                    .hasMessageContaining("context too long");
            secondary.verify(0, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
        }

        @Test
        void shouldHonourRetryAfterBeforeRetryingTheSameProvider() {
            primary.stubFor(openAi(PRIMARY_MODEL).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(status(429).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
            primary.stubFor(openAi(PRIMARY_MODEL).inScenario("retry").whenScenarioStateIs("recovered")
                    .willReturn(json(openAiBody(PRIMARY_MODEL, "after waiting", 5, 5))));
            long started = System.nanoTime();
            ChatResponse response = fixture.router.complete(question());
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(response.content()).isEqualTo("after waiting");
            assertThat(waited).isGreaterThanOrEqualTo(950);
        }

        @Test
        void shouldRespectTheDeadlineWhenEveryProviderIsSlow() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "late", 1, 1))
                    .withFixedDelay(5_000)));
            secondary.stubFor(openAi(SECONDARY_MODEL).willReturn(json(openAiBody(SECONDARY_MODEL, "late", 1, 1))
                    .withFixedDelay(5_000)));
            ChatRequest hurried = ChatRequest.builder().messages(List.of(ChatMessage.user("quick?")))
                    .deadline(Duration.ofMillis(1_200)).allowDegraded(false).build();
            long started = System.nanoTime();
            assertThatThrownBy(() -> fixture.router.complete(hurried)).isInstanceOf(LlmException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_700));
        }

        @Test
        void shouldEndWithTheExtractiveResponderWhenDegradedAnswersAreAllowed() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(status(500)));
            secondary.stubFor(openAi(SECONDARY_MODEL).willReturn(status(500)));
            ChatRequest request = ChatRequest.builder()
                    .messages(List.of(ChatMessage.user("What pressure should my front tyres have?")))
                    .context(List.of(new ContextPassage("Tyre pressures", "manual-ev.md#tyres",
                            "Front tyres should be inflated to 2.5 bar when cold. Rear tyres take 2.7 bar.")))
                    .build();
            ChatResponse response = fixture.router.complete(request);
            assertThat(response.degraded()).isTrue();
            assertThat(response.provider()).isEqualTo("extractive");
            assertThat(response.content()).contains("2.5 bar", "Tyre pressures");
        }
    }

    @Nested
    @DisplayName("circuit breaker")
    class Breaker {

        @Test
        void shouldOpenRejectWithoutCallingThenHalfOpenAndRecover() throws Exception {
            RouterFixture noRetries = new RouterFixture(yaml("").replace("retries: 1", "retries: 0"), database, redis.url());
            try {
                primary.stubFor(openAi(PRIMARY_MODEL).willReturn(status(500)));
                for (int i = 0; i < 4; i++) {
                    assertThat(noRetries.router.complete(question()).provider()).isEqualTo("secondary");
                }
                CircuitBreaker breaker = noRetries.slots.get("primary").breaker();
                assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

                for (int i = 0; i < 5; i++) {
                    noRetries.router.complete(question());
                }
                primary.verify(4, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
                assertThat(noRetries.ledgerRows()).extracting(r -> r.get("status")).contains("circuit_open");

                primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "healthy again", 3, 3))));
                Thread.sleep(500);
                assertThat(noRetries.router.complete(question()).content()).isEqualTo("healthy again");
                assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            } finally {
                noRetries.close();
            }
        }

        @Test
        void shouldNotCountRequestErrorsAgainstTheProvider() {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(aResponse().withStatus(400).withBody("{}")));
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(() -> fixture.router.complete(question())).isInstanceOf(LlmException.class);
            }
            assertThat(fixture.slots.get("primary").breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Nested
    @DisplayName("chaos")
    class Chaos {

        @Test
        void shouldKeepAnsweringWhenThePrimaryFailsHalfTheTimeAtRandom() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "ok", 10, 5))
                    .withTransformers(RandomFailures.NAME).withTransformerParameter("failureRate", 0.5)));
            int requests = 1_000;
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Long>> results = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            for (int i = 0; i < requests; i++) {
                results.add(clients.submit(() -> {
                    long started = System.nanoTime();
                    try {
                        fixture.router.complete(question());
                    } catch (LlmException e) {
                        failures.incrementAndGet();
                    }
                    return System.nanoTime() - started;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> result : results) {
                latencies.add(result.get());
            }
            clients.shutdown();
            Collections.sort(latencies);
            long p99 = latencies.get((int) Math.ceil(requests * 0.99) - 1);
            double success = (requests - failures.get()) / (double) requests;
            System.out.printf("chaos: %d requests, success %.2f%%, p99 %.1f ms, primary calls %d%n", requests,
                    success * 100, p99 / 1e6, primary.getAllServeEvents().size());
            assertThat(success).isGreaterThanOrEqualTo(0.999);
            assertThat(Duration.ofNanos(p99)).isLessThan(fixture.config.requestDeadline().toJavaDuration());
        }
    }

    @Nested
    @DisplayName("profiles and budget")
    class Budget {

        @Test
        void shouldUseOnlyCheapModelsOnceTheDailyBudgetIsSpent() throws Exception {
            RouterFixture tight = new RouterFixture(yaml("").replace("dailyUsd: 100", "dailyUsd: 0.001"), database,
                    redis.url());
            try {
                tight.clearLedger();
                tight.budget.reset();
                primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "pricey", 1000, 1000))));
                assertThat(tight.router.complete(question()).provider()).isEqualTo("primary");
                tight.ledger.flush();
                assertThat(tight.budget.isCapped()).isTrue();

                assertThat(tight.router.complete(question()).provider()).isEqualTo("secondary");
                primary.verify(1, postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH)));
            } finally {
                tight.close();
            }
        }

        @Test
        void shouldTotalTheLedgerAsUsageTimesConfiguredPrices() throws Exception {
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "a", 1200, 300))));
            ChatRequest cheap = ChatRequest.builder().messages(List.of(ChatMessage.user("x"))).profile(Profile.CHEAP)
                    .allowDegraded(false).build();
            for (int i = 0; i < 3; i++) {
                fixture.router.complete(question());
                fixture.router.complete(cheap);
            }
            double expected = 3 * (1200 * 2.0 + 300 * 8.0) / 1e6 + 3 * (10 * 0.5 + 5 * 1.0) / 1e6;
            double total = fixture.ledgerRows().stream().mapToDouble(r -> (Double) r.get("cost")).sum();
            assertThat(total).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
