package com.genaiauto.conversations;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiStream;
import static com.genaiauto.llm.FakeProviders.sse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The assistant's answer cache with a language model configured: the same question asked again, or
 * asked in other words, by the same owner or another owner of the same car, is answered without a
 * model call; another question answered from the same lines, personal data, a follow-up in a
 * conversation or another car keep the model call.
 */
@DisplayName("Answer cache")
class AnswerCacheIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final String ANSWER = "Use SAE 0W-20 engine oil [1].";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    static Api api;

    @BeforeAll
    static void loadManuals() {
        api = APP.api();
        APP.task("kb-seed", "");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void writerAnswers() {
        APP.task("cache-flush", "kind=answer");
        PROVIDER.resetAll();
        // Other model calls (routing) get an unreadable answer, so the offline decision stands.
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(5)
                .willReturn(json(FakeProviders.openAiBody("m", "I would rather not say.", 5, 5))));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).atPriority(1)
                .withRequestBody(containing("Lines that answer the question"))
                .willReturn(sse(openAiStream("anthropic/claude-3.5-haiku", List.of("Use SAE 0W-20 ", "engine oil [1]."),
                        40, 9, true))));
    }

    private static int writerCalls() {
        return PROVIDER.countRequestsMatching(postRequestedFor(urlEqualTo(FakeProviders.OPENAI_PATH))
                .withRequestBody(containing("Lines that answer the question")).build()).getCount();
    }

    private static String[] ownerOf(String model, String powertrain) {
        Accounts.Session session = new Accounts(api).aCustomer().register();
        UUID vehicle = session.aVehicle().ofModel("Kestrel", model, powertrain).create();
        return new String[] {session.accessToken(), vehicle.toString()};
    }

    private static Api.Reply ask(String[] owner, String message, String sessionId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("message", message, "vehicleId", owner[1]));
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        Api.Reply reply = api.post("/api/v1/chat", body, owner[0]);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    @Test
    void shouldAnswerTheSameQuestionOfTheSameCarFromTheCache() {
        String[] owner = ownerOf("Arden", "petrol");
        Api.Reply first = ask(owner, "What oil does my car take?", null);
        assertThat(first.json().path("answer").asText()).isEqualTo(ANSWER);
        assertThat(writerCalls()).isEqualTo(1);

        Api.Reply again = ask(owner, "What oil does my car take?", null);
        String[] neighbour = ownerOf("Arden", "petrol");
        Api.Reply theirs = ask(neighbour, "What oil does my car take?", null);

        assertThat(again.json().path("answer").asText()).isEqualTo(ANSWER);
        assertThat(theirs.json().path("answer").asText()).isEqualTo(ANSWER);
        assertThat(theirs.json().path("sources").toString()).isEqualTo(first.json().path("sources").toString());
        assertThat(writerCalls()).as("model calls for three askings").isEqualTo(1);
    }

    @Test
    void shouldServeAnotherWordingOfAnAnsweredQuestionFromTheCache() {
        String[] owner = ownerOf("Arden", "petrol");
        ask(owner, "How much can my car tow?", null);
        Api.Reply paraphrase = ask(ownerOf("Arden", "petrol"), "What is the maximum towing capacity?", null);
        Api.Reply thanks = ask(owner, "How much can my car tow? Thanks!", null);

        // The reused answer is followed by what the paraphrase's own confidence calls for.
        assertThat(paraphrase.json().path("answer").asText()).startsWith(ANSWER);
        assertThat(thanks.json().path("answer").asText()).startsWith(ANSWER);
        assertThat(writerCalls()).as("model calls for three wordings of one question").isEqualTo(1);
    }

    @Test
    void shouldCallTheModelForAnotherQuestionAnsweredFromTheSameLines() {
        String[] owner = ownerOf("Arden", "petrol");
        ask(owner, "What is the front tyre pressure?", null);
        ask(owner, "What is the rear tyre pressure?", null);
        ask(owner, "How much can my car tow?", null);
        ask(owner, "What is the maximum roof load?", null);

        assertThat(writerCalls()).isEqualTo(4);
    }

    @Test
    void shouldCallTheModelForAnotherCarPersonalDataOrAFollowUp() {
        String[] arden = ownerOf("Arden", "petrol");
        String session = ask(arden, "What oil does my car take?", null).field("sessionId");
        ask(arden, "What oil does my car take?", session);
        ask(arden, "What oil does my car take? Reply to jane.doe@example.com", null);
        ask(ownerOf("Brio Hybrid", "hybrid"), "What oil does my car take?", null);
        assertThat(writerCalls()).isEqualTo(4);
    }
}
