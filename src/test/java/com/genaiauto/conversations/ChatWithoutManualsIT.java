package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.RunningApp;
import java.sql.ResultSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Chat when the manuals have nothing on the question")
class ChatWithoutManualsIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    @Test
    void shouldSayItDoesNotKnowAndHandTheConversationToAHuman() throws Exception {
        Accounts.Session owner = new Accounts(APP.api()).aCustomer().register();
        JsonNode reply = new ChatClient(APP.api(), APP.port(), owner.accessToken())
                .send("What tyre pressure should my Volta have?", null);
        assertThat(reply.path("agent").asText()).isEqualTo("specs");
        assertThat(reply.path("sources")).isEmpty();
        assertThat(reply.path("answer").asText()).contains("couldn't find that in the manuals");
        assertThat(reply.path("confidence").asDouble()).isLessThan(0.7);
        assertThat(reply.path("handoff").asBoolean()).isTrue();
        try (var connection = APP.database().connect(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT reason FROM handoffs WHERE conversation_id = '"
                     + reply.path("sessionId").asText() + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("low_confidence");
        }
    }
}
