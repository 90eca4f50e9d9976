package com.genaiauto.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

@DisplayName("The assistant with a language model (a real HTTP fake of an OpenAI-compatible provider)")
class AssistantWithModelIT {

    static final WireMockServer PROVIDER = FakeProviders.start();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test")
            .set("conversations.llmRouting", "always"));

    private static final String EMAIL = "jane.doe@example.com";
    private static final String PHONE = "+49 171 2345678";

    @BeforeAll
    static void seed() {
        APP.task("kb-seed", "");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void answerLikeAModel() {
        // Each test asks about the same tyre pressures: none may be answered from another's cached answer.
        APP.task("cache-flush", "kind=answer");
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("You route messages"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody("fake-model",
                        "{\"intent\": \"specs\", \"confidence\": 0.93}", 60, 9))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .withRequestBody(containing("Answer the vehicle owner's question using only the passages"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody("fake-model",
                        "Keep the tyres at 2.5 bar [Tyre pressures].", 300, 12))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("You check answers for faithfulness"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody("fake-model", "{\"faithfulness\": 0.9}", 320, 6))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("\"stream\":true"))
                .willReturn(FakeProviders.sse(FakeProviders.openAiStream("fake-model", List.of("Keep the Volta's tyres at ",
                        "2.5 bar front and rear [Tyre pressures]. ", "I'll also send a summary to [EMAIL_1]."), 420, 31, true))));
    }

    private static ChatClient owner() {
        Accounts.Session owner = new Accounts(APP.api()).aCustomer().register();
        return new ChatClient(APP.api(), APP.port(), owner.accessToken());
    }

    @Test
    void shouldKeepPersonalDataFromTheProviderAndTheLogsAndRestoreItForTheOwner() {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = captureLogs(logs);
        try {
            JsonNode reply = owner().send("Hi, I'm " + EMAIL + ", call me on " + PHONE
                    + ". What tyre pressure should my Volta have?", null);
            assertThat(reply.path("agent").asText()).isEqualTo("specs");
            assertThat(reply.path("degraded").asBoolean()).isFalse();
            assertThat(reply.path("answer").asText()).contains("2.5 bar", EMAIL).doesNotContain("[EMAIL_1]");
            // Whatever code logs personal data, the line is masked (so the check below is not vacuous).
            LoggerFactory.getLogger("com.genaiauto.conversations").warn("owner wrote from {}", EMAIL);
        } finally {
            appender.stop();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        }
        List<String> bodies = PROVIDER.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getBodyAsString()).toList();
        assertThat(bodies).isNotEmpty();
        assertThat(bodies).noneMatch(body -> body.contains(EMAIL) || body.contains("2345678"));
        assertThat(bodies).anyMatch(body -> body.contains("[EMAIL_1]") && body.contains("[PHONE_1]"));
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("owner wrote from [EMAIL").doesNotContain(EMAIL, "2345678");
    }

    @Test
    void shouldRouteThroughTheModelAndChargeTheConversation() throws Exception {
        Accounts.Session account = new Accounts(APP.api()).aCustomer().register();
        JsonNode reply = new ChatClient(APP.api(), APP.port(), account.accessToken())
                .send("How much air goes in the Volta's tyres?", null);
        assertThat(reply.path("agent").asText()).isEqualTo("specs");
        String session = reply.path("sessionId").asText();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long tokens = 0;
        while (tokens == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            try (var connection = APP.database().connect(); var statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) "
                         + "FROM llm_usage WHERE conversation_id = '" + session + "'")) {
                rows.next();
                tokens = rows.getLong(1);
            }
        }
        assertThat(tokens).isEqualTo(60 + 9 + 420 + 31);
        // The owner reads the same totals on the conversation.
        String owner = account.accessToken();
        JsonNode conversation = APP.api().get("/api/v1/conversations/" + session, owner).json().path("conversation");
        assertThat(conversation.path("totalTokens").asLong()).isEqualTo(60 + 9 + 420 + 31);
        assertThat(conversation.path("totalCost").decimalValue()).isPositive();
        JsonNode listed = APP.api().get("/api/v1/conversations", owner).json().path("items").get(0);
        assertThat(listed.path("totalTokens").asLong()).isEqualTo(60 + 9 + 420 + 31);
    }

    @Test
    void shouldCarryACondensedSummaryOfOlderTurnsIntoThePrompt() {
        ChatClient owner = owner();
        java.util.UUID session = java.util.UUID.fromString(owner.send("How do I check the Volta's coolant level?", null)
                .path("sessionId").asText());
        for (int turn = 2; turn <= 6; turn++) {
            owner.send("Question number " + turn + " about the Volta's tyre pressures", session);
        }
        List<String> prompts = PROVIDER.getAllServeEvents().stream().map(event -> event.getRequest().getBodyAsString())
                .filter(body -> body.contains("\"stream\":true")).toList();
        String latest = prompts.get(0);
        // The first question is older than the last 8 messages now, and comes back as a summary.
        assertThat(latest).contains("Earlier in this conversation", "coolant level");
    }

    @Test
    void shouldJudgeAnswerFaithfulnessInRetrievalEvaluations() throws Exception {
        String admin = new Accounts(APP.api()).admin().accessToken();
        var started = APP.api().post("/api/v1/admin/evaluations", java.util.Map.of("dataset", "faithfulness",
                "questions", List.of(java.util.Map.of("id", "t1", "question", "tyre pressure for the volta",
                        "expected", List.of("tyre-pressures-and-rotation")))), admin);
        assertThat(started.status()).isEqualTo(202);
        JsonNode run;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            Thread.sleep(200);
            run = APP.api().get("/api/v1/admin/evaluations/" + started.field("id"), admin).json();
        } while (!"succeeded".equals(run.path("run").path("status").asText()) && System.nanoTime() < deadline);
        assertThat(run.path("run").path("faithfulness").asDouble()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(run.path("results").get(0).path("faithfulness").asDouble()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void shouldHandOverWhenEveryProviderFails() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).willReturn(FakeProviders.status(503)));
        JsonNode reply = owner().send("What tyre pressure should my Volta have?", null);
        assertThat(reply.path("degraded").asBoolean()).isTrue();
        assertThat(reply.path("handoff").asBoolean()).isTrue();
        assertThat(reply.path("sources")).isNotEmpty();
    }

    @Test
    void shouldSayAnAnswerWasCutOffAndReplayItAsDegraded() {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("\"stream\":true"))
                .willReturn(FakeProviders.sse(FakeProviders.openAiStream("fake-model",
                        List.of("Keep the Volta's tyres at ", "2.5 bar front and"), null, null, false))));
        ChatClient owner = owner();
        String key = "cut-" + java.util.UUID.randomUUID();

        JsonNode reply = owner.sendRaw("What tyre pressure should my Volta have?", null, key).json();

        String answer = reply.path("answer").asText();
        assertThat(answer).startsWith("Keep the Volta's tyres at 2.5 bar front and");
        assertThat(answer).contains("cut off before it was complete");
        assertThat(answer.indexOf("cut off")).isLessThan(answer.lastIndexOf("["));
        assertThat(reply.path("degraded").asBoolean()).isTrue();
        JsonNode replayed = owner.sendRaw("What tyre pressure should my Volta have?", null, key).json();
        assertThat(replayed.path("messageId").asText()).isEqualTo(reply.path("messageId").asText());
        assertThat(replayed.path("degraded").asBoolean()).as("a replay is as degraded as the answer it repeats").isTrue();
    }

    private static OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> captureLogs(ByteArrayOutputStream sink) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger: %msg%n%rEx");
        encoder.start();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }
}
