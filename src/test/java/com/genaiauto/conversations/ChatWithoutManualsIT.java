package com.genaiauto.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.conversations.handoff.HandoffWebhook;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Chat when the manuals have nothing on the question: a handoff and the support team's webhook")
class ChatWithoutManualsIT {

    static final WireMockServer SUPPORT_DESK = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        SUPPORT_DESK.start();
        SUPPORT_DESK.stubFor(post(urlEqualTo("/hooks/handoff")).willReturn(aResponse().withStatus(204)));
    }

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("conversations.humanSupportWebhook", SUPPORT_DESK.baseUrl() + "/hooks/handoff")
            .set("conversations.humanSupportWebhookSecret", "desk-signing-secret"));

    @AfterAll
    static void stopDesk() {
        SUPPORT_DESK.stop();
    }

    @Test
    void shouldSayItDoesNotKnowAndHandTheConversationToAHuman() throws Exception {
        Accounts.Session owner = new Accounts(APP.api()).aCustomer().register();
        JsonNode reply = new ChatClient(APP.api(), APP.port(), owner.accessToken())
                .send("What tyre pressure should my Volta have? Reach me at owner.one@example.com", null);
        assertThat(reply.path("agent").asText()).isEqualTo("specs");
        assertThat(reply.path("sources")).isEmpty();
        assertThat(reply.path("answer").asText()).contains("couldn't find that in the manuals");
        assertThat(reply.path("confidence").asDouble()).isLessThan(0.7);
        assertThat(reply.path("handoff").asBoolean()).isTrue();
        String session = reply.path("sessionId").asText();
        try (var connection = APP.database().connect(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT reason FROM handoffs WHERE conversation_id = '" + session + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("low_confidence");
        }

        // The support desk is told, with a payload it can verify and no personal data in it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<LoggedRequest> deliveries;
        do {
            Thread.sleep(100);
            deliveries = SUPPORT_DESK.findAll(postRequestedFor(urlEqualTo("/hooks/handoff")));
        } while (deliveries.isEmpty() && System.nanoTime() < deadline);
        assertThat(deliveries).hasSize(1);
        LoggedRequest delivery = deliveries.get(0);
        String body = delivery.getBodyAsString();
        long timestamp = Long.parseLong(delivery.getHeader(HandoffWebhook.TIMESTAMP_HEADER));
        assertThat(delivery.getHeader(HandoffWebhook.SIGNATURE_HEADER))
                .isEqualTo("sha256=" + HandoffWebhook.signature("desk-signing-secret", timestamp, body));
        JsonNode payload = Api.JSON.readTree(body);
        assertThat(payload.path("conversationId").asText()).isEqualTo(session);
        assertThat(payload.path("reason").asText()).isEqualTo("low_confidence");
        assertThat(body).doesNotContain("owner.one@example.com");
    }
}
