package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.RunningApp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Confidence follows the evidence behind an answer")
class AnswerConfidenceIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static ChatClient owner;
    private static UUID vehicle;

    @BeforeAll
    static void seed() {
        APP.task("kb-seed", "");
        Accounts.Session session = new Accounts(APP.api()).aCustomer().register();
        vehicle = session.aVehicle().ofModel("Kestrel", "Volta", "electric").create();
        owner = new ChatClient(APP.api(), APP.port(), session.accessToken());
    }

    @Test
    void shouldBeSureOfAWellSupportedAnswerAndUnsureOfAPoorlySupportedOne() {
        JsonNode supported = owner.send("what is the towing capacity?", null, vehicle);
        JsonNode unsupported = owner.send("how many cup holders are in the back seat?", null, vehicle);
        double sure = supported.path("confidence").asDouble();
        double unsure = unsupported.path("confidence").asDouble();
        assertThat(sure).as(supported.toString()).isGreaterThanOrEqualTo(0.7);
        assertThat(unsure).as(unsupported.toString()).isLessThan(0.7);
        assertThat(sure - unsure).isGreaterThan(0.2);
        // Below the threshold the owner is told and offered a person, or handed one when nothing was found.
        assertThat(unsupported.path("handoff").asBoolean()
                || unsupported.path("answer").asText().contains("Would you like a support agent")).as(unsupported.toString())
                .isTrue();
        assertThat(supported.path("answer").asText()).contains("750 kg").doesNotContain("Would you like a support agent");
    }

    @Test
    void shouldNotTakeThanksForAYesToThePersonOffered() {
        JsonNode unsure = owner.send("how many cup holders are in the back seat?", null, vehicle);
        JsonNode thanks = owner.send("great, thanks", UUID.fromString(unsure.path("sessionId").asText()));
        assertThat(thanks.path("handoff").asBoolean()).isFalse();
    }

    @Test
    void shouldBringInAPersonWhenTheOwnerTakesUpTheOffer() {
        JsonNode unsure = owner.send("how many cup holders are in the back seat?", null, vehicle);
        assertThat(unsure.path("handoff").asBoolean()).as("only offered so far").isFalse();
        JsonNode yes = owner.send("yes", UUID.fromString(unsure.path("sessionId").asText()));
        assertThat(yes.path("handoff").asBoolean()).isTrue();
        assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '"
                + unsure.path("sessionId").asText() + "' AND reason = 'user_request'")).isEqualTo(1);
    }
}
