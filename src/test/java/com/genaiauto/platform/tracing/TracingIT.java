package com.genaiauto.platform.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Tracing: the spans of a request, read back from an in-memory exporter")
class TracingIT {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    // Registered before the application starts: it takes the exporters registered when it builds its tracing.
    private static final AutoCloseable EXPORTING = Tracing.forTesting(SPANS);
    private static final WireMockServer PROVIDER = FakeProviders.start();
    /** The first deployments of the balanced (answers) and cheap (intent decisions) aliases in config.yml. */
    private static final String MODEL = "anthropic/claude-3.5-haiku";
    private static final String CHEAP_MODEL = "meta-llama/llama-3.1-8b-instruct";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test")
            .set("conversations.llmRouting", "always")
            // Every turn writes its answer with the model: none is served from the answer cache.
            .set("conversations.answerCacheTtl", "0s"));

    @BeforeAll
    static void seedAndAnswerLikeAModel() {
        APP.task("kb-seed", "");
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("You route messages"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody(MODEL,
                        "{\"intent\": \"specs\", \"confidence\": 0.93}", 60, 9))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .withRequestBody(containing("Answer the vehicle owner's question using only the passages"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody(MODEL,
                        "Keep the tyres at 2.5 bar [Tyre pressures].", 300, 12))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("\"stream\":true"))
                .willReturn(FakeProviders.sse(FakeProviders.openAiStream(MODEL,
                        List.of("Keep the Volta's tyres at ", "2.5 bar front and rear [Tyre pressures]."), 420, 31, true))));
    }

    @AfterAll
    static void stopExportingAndTheProvider() throws Exception {
        EXPORTING.close();
        PROVIDER.stop();
    }

    @Nested
    @DisplayName("one chat request")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OneChatRequest {

        private static final String QUESTION = "What tyre pressure should my Volta have?";

        private String requestId;
        private Trace trace;

        @BeforeAll
        void chat() throws Exception {
            String token = new Accounts(APP.api()).aCustomer().register().accessToken();
            SPANS.reset();
            Api.Reply reply = APP.api().post("/api/v1/chat", Map.of("message", QUESTION), token);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            assertThat(reply.json().path("degraded").asBoolean()).as("answered by the model").isFalse();
            requestId = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
            trace = Trace.ofRequest(requestId);
        }

        @Test
        void shouldRootTheTraceInAServerSpanNamedByTheRouteWithTheRequestId() {
            SpanData server = trace.server();
            assertThat(server.getName()).isEqualTo("POST /api/v1/chat");
            assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(server.getParentSpanContext().isValid()).as("the server span is the root").isFalse();
            assertThat(server.getAttributes().get(ServerSpanFilter.REQUEST_ID)).isEqualTo(requestId);
            assertThat(server.getAttributes().get(ServerSpanFilter.METHOD)).isEqualTo("POST");
            assertThat(server.getAttributes().get(ServerSpanFilter.PATH)).isEqualTo("/api/v1/chat");
            assertThat(server.getAttributes().get(ServerSpanFilter.ROUTE)).isEqualTo("/api/v1/chat");
            assertThat(server.getAttributes().get(ServerSpanFilter.STATUS)).isEqualTo(200L);
        }

        @Test
        void shouldRunTheTurnUnderTheServerSpan() {
            SpanData turn = trace.one("chat turn");
            assertThat(turn.getParentSpanId()).isEqualTo(trace.server().getSpanId());
            assertThat(turn.getAttributes().get(stringKey("genai.agent"))).isEqualTo("specs");
            // The request's work all went into this one trace: no turn was traced anywhere else.
            assertThat(SPANS.getFinishedSpanItems()).filteredOn(span -> span.getName().equals("chat turn"))
                    .extracting(SpanData::getTraceId).containsOnly(trace.server().getTraceId());
        }

        @Test
        void shouldRetrievePassagesWithinTheTurn() {
            List<SpanData> retrievals = trace.named("retrieval");
            assertThat(retrievals).isNotEmpty().allSatisfy(span ->
                    assertThat(trace.ancestorsOf(span)).extracting(SpanData::getName).contains("chat turn"));
            assertThat(retrievals).anySatisfy(span ->
                    assertThat(span.getAttributes().get(longKey("genai.retrieval.passages"))).isPositive());
        }

        @Test
        void shouldCallTheProviderUnderTheRouterWithinTheTurn() {
            List<SpanData> routes = trace.named("llm route");
            assertThat(routes).allSatisfy(span ->
                    assertThat(trace.ancestorsOf(span)).extracting(SpanData::getName).contains("chat turn"));
            // The intent decision (cheap) answers in one piece, the owner's answer (balanced) is streamed.
            assertThat(routes).extracting(span -> span.getAttributes().get(stringKey("genai.llm.alias")))
                    .contains("cheap", "balanced");
            List<SpanData> calls = trace.spans().stream()
                    .filter(span -> span.getAttributes().get(stringKey("gen_ai.system")) != null
                            && span.getKind() == SpanKind.CLIENT).toList();
            assertThat(calls).allSatisfy(call -> {
                assertThat(call.getName()).isEqualTo("chat " + call.getAttributes().get(stringKey("gen_ai.request.model")));
                assertThat(trace.parentOf(call)).map(SpanData::getName).contains("llm route");
                assertThat(call.getAttributes().get(stringKey("gen_ai.system"))).isEqualTo("openrouter");
                assertThat(call.getAttributes().get(stringKey("genai.llm.status"))).isEqualTo("success");
                assertThat(call.getAttributes().get(longKey("gen_ai.usage.input_tokens"))).isPositive();
            });
            assertThat(calls).extracting(call -> call.getAttributes().get(stringKey("gen_ai.request.model")),
                            call -> call.getAttributes().get(booleanKey("genai.llm.stream")))
                    .contains(tuple(CHEAP_MODEL, false), tuple(MODEL, true));
        }

        @Test
        void shouldTraceDatabaseStatementsByOperationAndTableWithoutTheirSql() {
            List<SpanData> statements = trace.spans().stream()
                    .filter(span -> "postgresql".equals(span.getAttributes().get(SqlSpans.SYSTEM))).toList();
            assertThat(statements).isNotEmpty().allSatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(span.getName()).matches("[A-Z]+( [a-z_.]+)?");
            });
            SpanData stored = trace.one("INSERT messages", statements);
            assertThat(stored.getAttributes().get(SqlSpans.CALLER)).startsWith("MessageDao.");
            assertThat(trace.ancestorsOf(stored)).extracting(SpanData::getName).contains("chat turn");
        }

        @Test
        void shouldKeepTheOwnersWordsOutOfTheTrace() {
            assertThat(trace.spans()).allSatisfy(span -> {
                assertThat(span.getName()).doesNotContainIgnoringCase("tyre");
                span.getAttributes().forEach((key, value) ->
                        assertThat(String.valueOf(value)).as(key.getKey()).doesNotContainIgnoringCase("tyre pressure"));
            });
        }
    }

    @Nested
    @DisplayName("a streamed answer (SSE)")
    class StreamedAnswer {

        @Test
        void shouldKeepTheStreamedTurnAndItsModelCallsInTheRequestsTrace() throws Exception {
            String token = new Accounts(APP.api()).aCustomer().register().accessToken();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + APP.port() + "/api/v1/chat/stream"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"How much air goes in the Volta's tyres?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("event: done");

            Trace trace = Trace.ofRequest(response.headers().firstValue("X-Request-Id").orElseThrow());

            assertThat(trace.server().getName()).isEqualTo("POST /api/v1/chat/stream");
            assertThat(trace.one("chat turn").getParentSpanId()).isEqualTo(trace.server().getSpanId());
            assertThat(trace.named("chat " + MODEL)).anySatisfy(call -> {
                assertThat(call.getAttributes().get(booleanKey("genai.llm.stream"))).isTrue();
                assertThat(trace.ancestorsOf(call)).extracting(SpanData::getName).contains("llm route", "chat turn");
            });
        }
    }

    @Nested
    @DisplayName("a provider that fails")
    class FailingProvider {

        @Test
        void shouldRecordTheFailedAttemptOnItsProviderSpan() throws Exception {
            PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                    .withRequestBody(containing("\"stream\":true")).withRequestBody(containing("motorway"))
                    .willReturn(FakeProviders.status(500)));
            String token = new Accounts(APP.api()).aCustomer().register().accessToken();
            Api.Reply reply = APP.api().post("/api/v1/chat",
                    Map.of("message", "What tyre pressure should my Volta have on the motorway?"), token);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);

            Trace trace = Trace.ofRequest(reply.raw().headers().firstValue("X-Request-Id").orElseThrow());

            SpanData call = trace.one("chat " + MODEL);
            assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(call.getAttributes().get(stringKey("error.type"))).isEqualTo("server_error");
            assertThat(call.getAttributes().get(stringKey("genai.llm.status"))).isEqualTo("error");
            assertThat(call.getEvents()).extracting(event -> event.getName()).contains("exception");
            SpanData route = trace.parentOf(call).orElseThrow();
            assertThat(route.getStatus().getStatusCode()).as("no provider answered").isEqualTo(StatusCode.ERROR);
            assertThat(trace.server().getStatus().getStatusCode()).as("the owner still got an answer")
                    .isNotEqualTo(StatusCode.ERROR);
        }
    }

    @Nested
    @DisplayName("any request")
    class AnyRequest {

        @Test
        void shouldNameTheServerSpanByTheRouteTemplateNotTheIdsInThePath() throws Exception {
            String token = new Accounts(APP.api()).aCustomer().register().accessToken();
            UUID unknown = UUID.randomUUID();
            Api.Reply reply = APP.api().get("/api/v1/conversations/" + unknown, token);
            assertThat(reply.status()).isEqualTo(404);

            SpanData server = Trace.ofRequest(reply.raw().headers().firstValue("X-Request-Id").orElseThrow()).server();

            assertThat(server.getName()).isEqualTo("GET /api/v1/conversations/{id}");
            assertThat(server.getAttributes().get(ServerSpanFilter.PATH)).isEqualTo("/api/v1/conversations/" + unknown);
            assertThat(server.getAttributes().get(ServerSpanFilter.STATUS)).isEqualTo(404L);
            assertThat(server.getStatus().getStatusCode()).as("a 4xx is the client's error").isNotEqualTo(StatusCode.ERROR);
        }

        @Test
        void shouldNameARequestNoRouteMatchedByItsMethodAlone() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/no-such-thing/42", Map.of());
            assertThat(response.statusCode()).isEqualTo(404);

            SpanData server = Trace.ofRequest(response.headers().firstValue("X-Request-Id").orElseThrow()).server();

            assertThat(server.getName()).isEqualTo("GET");
        }

        @Test
        void shouldJoinTheTraceOfACallerThatSendsTraceparent() throws Exception {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String parentId = "00f067aa0ba902b7";
            HttpResponse<String> response = send("GET", "/api/v1/conversations",
                    Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));

            SpanData server = Trace.ofRequest(response.headers().firstValue("X-Request-Id").orElseThrow()).server();

            assertThat(server.getTraceId()).isEqualTo(traceId);
            assertThat(server.getParentSpanId()).isEqualTo(parentId);
        }

        @Test
        void shouldLeaveHealthProbesUntraced() throws Exception {
            String probe = "probe-" + UUID.randomUUID();
            assertThat(send("GET", "/health/live", Map.of("X-Request-Id", probe)).statusCode()).isEqualTo(200);
            // Requests are served in order: once the next one's span is in, the probe's would be too.
            HttpResponse<String> next = send("GET", "/api/v1/conversations", Map.of());
            Trace.ofRequest(next.headers().firstValue("X-Request-Id").orElseThrow());

            assertThat(SPANS.getFinishedSpanItems()).noneSatisfy(span ->
                    assertThat(span.getAttributes().get(ServerSpanFilter.REQUEST_ID)).isEqualTo(probe));
        }

        private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.port() + path))
                    .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(request::header);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The finished spans of one trace, found by the request id on its server span. */
    record Trace(SpanData server, List<SpanData> spans) {

        /** The server span ends after the response is sent: wait for it to be exported. */
        static Trace ofRequest(String requestId) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<SpanData> server = SPANS.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER
                                && requestId.equals(span.getAttributes().get(ServerSpanFilter.REQUEST_ID)))
                        .findFirst();
                if (server.isPresent()) {
                    String traceId = server.get().getTraceId();
                    return new Trace(server.get(), SPANS.getFinishedSpanItems().stream()
                            .filter(span -> span.getTraceId().equals(traceId)).toList());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no server span with request id " + requestId);
        }

        List<SpanData> named(String name) {
            return spans.stream().filter(span -> span.getName().equals(name)).toList();
        }

        SpanData one(String name) {
            return one(name, spans);
        }

        SpanData one(String name, List<SpanData> among) {
            List<SpanData> found = among.stream().filter(span -> span.getName().equals(name)).toList();
            assertThat(found).as("spans named %s among %s", name, names()).isNotEmpty();
            return found.get(0);
        }

        Optional<SpanData> parentOf(SpanData span) {
            return spans.stream().filter(candidate -> candidate.getSpanId().equals(span.getParentSpanId())).findFirst();
        }

        /** Parent first, up to the root. */
        List<SpanData> ancestorsOf(SpanData span) {
            List<SpanData> ancestors = new ArrayList<>();
            Optional<SpanData> parent = parentOf(span);
            while (parent.isPresent()) {
                ancestors.add(parent.get());
                parent = parentOf(parent.get());
            }
            return ancestors;
        }

        private List<String> names() {
            return spans.stream().map(SpanData::getName).toList();
        }
    }
}
