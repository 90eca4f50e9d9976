package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Safety, complaints and requests for a person go to a person; look-alikes do not")
class SafetyIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    /** Each class of message a person must take, in words an owner might use, with the handoff it opens. */
    private static final Map<String, List<String>> HAZARDS = Map.of(
            "safety", List.of(
                    "we've had a smash at a roundabout and my passenger's arm is bleeding",
                    "there's a smell of melting plastic coming from behind the dashboard",
                    "pressing the brake pedal barely slows the car down any more",
                    "all of a sudden turning the wheel takes all my strength",
                    "the airbag light has stayed lit since yesterday",
                    "a strong whiff of petrol every time I get in",
                    "the orange high voltage cable under the car is torn"),
            "complaint", List.of("I'm instructing a solicitor over the repair you botched"),
            "user_request", List.of("could a real human take over this chat please"));

    private static final List<String> LOOK_ALIKES = List.of(
            "what does the passenger airbag off light mean",
            "how often should the brake fluid be replaced",
            "does the warranty cover the steering rack",
            "is white vapour from the exhaust normal on a cold morning",
            "which fuel does my car take",
            "how do I charge at home",
            "my friend is a lawyer and asked how long the warranty lasts",
            "the brakes squeak a little when it's damp, is that normal");

    private static Api api;
    private static Accounts accounts;

    @BeforeAll
    static void seed() {
        api = APP.api();
        accounts = new Accounts(api);
        APP.task("kb-seed", "");
        EvalManuals.upload(api, accounts.admin().accessToken(), "brand-a", "lumora-charging.md");
    }

    private static ChatClient anOwner(String make, String model) {
        Accounts.Session session = accounts.aCustomer().register();
        session.aVehicle().ofModel(make, model, "electric").create();
        return new ChatClient(api, APP.port(), session.accessToken());
    }

    @Test
    void shouldHandEveryClassToAPersonWithItsReasonAndUrgency() {
        ChatClient owner = anOwner("Kestrel", "Volta");
        HAZARDS.forEach((reason, messages) -> {
            for (String message : messages) {
                JsonNode reply = owner.send(message, null);
                assertThat(reply.path("handoff").asBoolean()).as(message).isTrue();
                String priority = switch (reason) {
                    case "safety" -> "urgent";
                    case "complaint" -> "high";
                    default -> "normal";
                };
                assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '"
                        + reply.path("sessionId").asText() + "' AND reason = '" + reason + "' AND priority = '" + priority
                        + "'")).as(message).isEqualTo(1);
                if (reason.equals("safety")) {
                    assertThat(reply.path("answer").asText().toLowerCase(java.util.Locale.ROOT)).as(message)
                            .contains("do not drive");
                }
            }
        });
    }

    @Test
    void shouldNotHandOverBenignQuestionsThatUseTheSameWords() {
        ChatClient owner = anOwner("Kestrel", "Volta");
        for (String message : LOOK_ALIKES) {
            JsonNode reply = owner.send(message, null);
            assertThat(reply.path("answer").asText()).as(message).doesNotContain("connecting you with a member");
            assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '"
                    + reply.path("sessionId").asText() + "' AND reason IN ('safety', 'complaint', 'user_request')"))
                    .as(message).isZero();
        }
    }

    @Test
    void shouldGiveTheEmergencyNumberFirstWhenSomeoneIsHurt() {
        JsonNode reply = anOwner("Kestrel", "Volta").send("we just crashed into a lamp post and my son hit his head", null);
        assertThat(reply.path("answer").asText()).startsWith("If anyone is hurt, call 112 now.");
    }

    @Test
    void shouldQuoteTheManualsOwnWarningInTheReplyAndTheHandoff() {
        JsonNode reply = anOwner("Norvane", "Lumora").send(
                "something smells like burning plastic at the charge cable while it's charging", null);
        assertThat(reply.path("handoff").asBoolean()).isTrue();
        assertThat(reply.path("answer").asText()).contains("Your manual says:").contains("stop charging immediately");
        assertThat(reply.path("sources").path(0).path("sourceName").asText()).isEqualTo("lumora-charging.md");
        UUID session = UUID.fromString(reply.path("sessionId").asText());
        assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '" + session
                + "' AND summary LIKE '%stop charging immediately%'")).isEqualTo(1);
    }
}
