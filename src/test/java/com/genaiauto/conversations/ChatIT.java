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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Chat with no language model configured (extractive answers, offline routing)")
class ChatIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static Api api;
    private static Accounts accounts;

    @BeforeAll
    static void seed() {
        api = APP.api();
        accounts = new Accounts(api);
        APP.task("kb-seed", "");
    }

    private static Owner anOwnerWithAVolta() {
        Accounts.Session owner = accounts.aCustomer().register();
        UUID vehicle = owner.aVehicle().ofModel("Kestrel", "Volta", "electric").create();
        return new Owner(owner, vehicle, new ChatClient(api, APP.port(), owner.accessToken()));
    }

    private record Owner(Accounts.Session session, UUID vehicle, ChatClient chat) {
    }


    @Nested
    @DisplayName("specs agent")
    class Specs {

        @Test
        void shouldAnswerFromTheManualsWithSourcesAndSayItIsDegraded() {
            Owner owner = anOwnerWithAVolta();
            JsonNode reply = owner.chat().send("What tyre pressure should my Volta have?", null, owner.vehicle());
            assertThat(reply.path("agent").asText()).isEqualTo("specs");
            assertThat(reply.path("degraded").asBoolean()).isTrue();
            assertThat(reply.path("answer").asText()).isNotBlank();
            assertThat(reply.path("sources").toString()).contains("tyre-pressures-and-rotation");
            assertThat(reply.path("sessionId").asText()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("maintenance agent")
    class Maintenance {

        @Test
        void shouldBookExactlyOneAppointmentAfterTheOwnerConfirms() {
            Owner owner = anOwnerWithAVolta();
            JsonNode proposal = owner.chat().send("Please book a tyre rotation for next Tuesday morning", null, owner.vehicle());
            assertThat(proposal.path("agent").asText()).isEqualTo("maintenance");
            assertThat(proposal.path("answer").asText()).contains("Shall I book it?");
            UUID session = UUID.fromString(proposal.path("sessionId").asText());
            assertThat(appointments(owner)).isZero();

            JsonNode booked = owner.chat().send("yes please", session);
            assertThat(booked.path("answer").asText()).startsWith("Done: your tyre rotation is booked");
            assertThat(appointments(owner)).isEqualTo(1);

            JsonNode again = owner.chat().send("yes", session);
            assertThat(again.path("answer").asText()).doesNotStartWith("Done");
            assertThat(appointments(owner)).isEqualTo(1);
            // Exported at 0 from the start: the booking counted.
            assertThat(api.get("/api/v1/metrics", null).text().lines()
                    .filter(line -> line.startsWith("task_completion_total{task=\"booking\",outcome=\"completed\",} ")))
                    .singleElement().satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .isGreaterThanOrEqualTo(1.0));
        }

        @Test
        void shouldNotBookAnOilChangeForAnElectricCarButOfferItsOwnService() {
            Owner owner = anOwnerWithAVolta();
            JsonNode proposal = owner.chat().send("book an oil change for next Tuesday", null, owner.vehicle());
            assertThat(proposal.path("answer").asText()).contains("electric and has no engine oil")
                    .contains("EV service").contains("Shall I book it?");
            JsonNode booked = owner.chat().send("yes", UUID.fromString(proposal.path("sessionId").asText()));
            assertThat(booked.path("answer").asText()).startsWith("Done: your EV service is booked");
        }

        @Test
        void shouldAnswerAnIntervalFromTheManualThenOfferABooking() {
            Owner owner = anOwnerWithAVolta();
            JsonNode reply = owner.chat().send("when is the annual service due?", null, owner.vehicle());
            assertThat(reply.path("agent").asText()).isEqualTo("maintenance");
            assertThat(reply.path("sources")).isNotEmpty();
            assertThat(reply.path("answer").asText()).contains("30,000 km").contains("find a workshop slot");
            assertThat(appointments(owner)).isZero();
            JsonNode proposal = owner.chat().send("yes", UUID.fromString(reply.path("sessionId").asText()));
            assertThat(proposal.path("answer").asText()).contains("Shall I book it?");
        }

        @Test
        void shouldLeaveAProposalBehindWhenTheOwnerAsksSomethingElse() {
            Owner owner = anOwnerWithAVolta();
            JsonNode proposal = owner.chat().send("book a tyre rotation next Tuesday", null, owner.vehicle());
            assertThat(proposal.path("answer").asText()).contains("Shall I book it?");
            UUID session = UUID.fromString(proposal.path("sessionId").asText());
            JsonNode other = owner.chat().send("what tyre pressure should it have?", session);
            assertThat(other.path("agent").asText()).isEqualTo("specs");
            assertThat(other.path("handoff").asBoolean()).isFalse();
            assertThat(owner.chat().send("yes", session).path("answer").asText()).doesNotStartWith("Done");
            assertThat(appointments(owner)).isZero();
        }

        @Test
        void shouldNotBookWhenTheOwnerDeclines() {
            Owner owner = anOwnerWithAVolta();
            JsonNode proposal = owner.chat().send("I need a brake service appointment on Friday afternoon", null, owner.vehicle());
            UUID session = UUID.fromString(proposal.path("sessionId").asText());
            owner.chat().send("no thanks", session);
            assertThat(appointments(owner)).isZero();
        }

        @Test
        void shouldCancelAnAppointmentAfterConfirmation() {
            Owner owner = anOwnerWithAVolta();
            UUID session = UUID.fromString(owner.chat().send("book a tyre rotation tomorrow at 10", null, owner.vehicle())
                    .path("sessionId").asText());
            owner.chat().send("yes", session);
            assertThat(appointments(owner)).isEqualTo(1);
            assertThat(owner.chat().send("cancel my appointment", session).path("answer").asText()).contains("Shall I cancel");
            assertThat(owner.chat().send("yes", session).path("answer").asText()).contains("is cancelled");
            assertThat(appointments(owner)).isZero();
        }

        private long appointments(Owner owner) {
            JsonNode list = api.get("/api/v1/appointments", owner.session().accessToken()).json();
            long active = 0;
            for (JsonNode appointment : list.path("items")) {
                if (!"cancelled".equals(appointment.path("status").asText())) {
                    active++;
                }
            }
            return active;
        }
    }

    @Nested
    @DisplayName("troubleshooting and safety")
    class Troubleshooting {

        @Test
        void shouldAnswerFromTheGuidesThenNarrowItDownAndOfferADiagnosis() {
            Owner owner = anOwnerWithAVolta();
            JsonNode first = owner.chat().send("my car makes a grinding noise when I brake", null, owner.vehicle());
            assertThat(first.path("agent").asText()).isEqualTo("troubleshoot");
            assertThat(first.path("handoff").asBoolean()).isFalse();
            assertThat(first.path("sources").path(0).path("sourceName").asText())
                    .isEqualTo("troubleshooting-brake-noise-vibration");
            UUID session = UUID.fromString(first.path("sessionId").asText());
            JsonNode second = owner.chat().send("it's a grinding sound on every stop", session);
            assertThat(second.path("agent").asText()).isEqualTo("troubleshoot");
            assertThat(second.path("sources").toString()).contains("troubleshooting-brake-noise-vibration");
            assertThat(second.path("answer").asText()).contains("diagnostics appointment");
        }

        @Test
        void shouldAnswerAWarningLightStraightFromTheManual() {
            Owner owner = anOwnerWithAVolta();
            JsonNode reply = owner.chat().send("what does the tyre pressure warning light mean", null, owner.vehicle());
            assertThat(reply.path("agent").asText()).isEqualTo("specs");
            assertThat(reply.path("answer").asText()).doesNotContain("Two quick questions");
            assertThat(reply.path("sources")).isNotEmpty();
        }

        @Test
        void shouldAlwaysHandOverOnSafetyTriggers() {
            for (String hazard : List.of("the brake pedal went to the floor and the brakes don't work",
                    "there is smoke coming from under the bonnet", "the airbag warning light is on",
                    "I can smell petrol in the cabin", "my Volta shows a high voltage warning: stop safely")) {
                Owner owner = anOwnerWithAVolta();
                JsonNode reply = owner.chat().send(hazard, null, owner.vehicle());
                assertThat(reply.path("handoff").asBoolean()).as(hazard).isTrue();
                assertThat(reply.path("answer").asText().toLowerCase(java.util.Locale.ROOT)).as(hazard).contains("do not drive");
                String session = reply.path("sessionId").asText();
                assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '" + session
                        + "' AND reason = 'safety' AND priority = 'urgent' AND status = 'open'")).as(hazard).isEqualTo(1);
            }
        }

        @Test
        void shouldHandOverWhenTheOwnerAsksForAPerson() {
            Owner owner = anOwnerWithAVolta();
            JsonNode reply = owner.chat().send("can I talk to a real person please", null);
            assertThat(reply.path("handoff").asBoolean()).isTrue();
            assertThat(APP.database().count("SELECT count(*) FROM handoffs WHERE conversation_id = '" + reply.path("sessionId").asText()
                    + "' AND reason = 'user_request'")).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("conversations")
    class Conversations {

        @Test
        void shouldStreamEventsInOrder() {
            Owner owner = anOwnerWithAVolta();
            List<ChatClient.Event> events = owner.chat().stream("How long does the Volta take to charge at home?", null);
            List<String> types = events.stream().map(ChatClient.Event::type).toList();
            assertThat(types.get(0)).isEqualTo("session");
            assertThat(types.get(1)).isEqualTo("agent");
            assertThat(types).contains("token", "sources");
            assertThat(types.get(types.size() - 1)).isEqualTo("done");
            assertThat(types.lastIndexOf("token")).isLessThan(types.indexOf("sources"));
            String streamed = String.join("", events.stream().filter(e -> e.type().equals("token"))
                    .map(e -> e.data().path("text").asText()).toList());
            assertThat(streamed).isEqualTo(events.get(events.size() - 1).data().path("answer").asText());
        }

        @Test
        void shouldKeepMessagesListThemAndEraseThem() {
            Owner owner = anOwnerWithAVolta();
            JsonNode reply = owner.chat().send("hello", null);
            assertThat(reply.path("agent").asText()).isEqualTo("general");
            String session = reply.path("sessionId").asText();
            JsonNode detail = api.get("/api/v1/conversations/" + session, owner.session().accessToken()).json();
            assertThat(detail.path("messages")).hasSize(2);
            assertThat(detail.path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(detail.path("messages").get(1).path("agent").asText()).isEqualTo("general");
            assertThat(api.get("/api/v1/conversations", owner.session().accessToken()).json().path("total").asInt()).isEqualTo(1);

            Api.Reply feedback = api.post("/api/v1/conversations/" + session + "/feedback", Map.of(
                    "messageId", detail.path("messages").get(1).path("id").asText(), "rating", 1, "comment", "quick"),
                    owner.session().accessToken());
            assertThat(feedback.status()).isEqualTo(204);

            assertThat(api.delete("/api/v1/conversations/" + session, owner.session().accessToken()).status()).isEqualTo(204);
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + session + "'")).isZero();
            assertThat(api.get("/api/v1/conversations/" + session, owner.session().accessToken()).status()).isEqualTo(404);
        }

        @Test
        void shouldHideAnotherOwnersConversation() {
            Owner owner = anOwnerWithAVolta();
            Owner stranger = anOwnerWithAVolta();
            String session = owner.chat().send("hello", null).path("sessionId").asText();
            assertThat(api.get("/api/v1/conversations/" + session, stranger.session().accessToken()).status()).isEqualTo(404);
            Api.Reply intrusion = stranger.chat().sendRaw("what did they ask?", UUID.fromString(session), null);
            assertThat(intrusion.status()).isEqualTo(404);
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + session + "'")).isEqualTo(2);
        }

        @Test
        void shouldAnswerARetriedSendOnceWithTheSameAnswer() {
            Owner owner = anOwnerWithAVolta();
            String key = "retry-" + UUID.randomUUID();
            JsonNode first = owner.chat().sendRaw("what oil does the Arden take?", null, key).json();
            JsonNode second = owner.chat().sendRaw("what oil does the Arden take?", null, key).json();
            assertThat(second.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
            assertThat(second.path("sessionId").asText()).isEqualTo(first.path("sessionId").asText());
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + first.path("sessionId").asText()
                    + "'")).isEqualTo(2);
        }

        @Test
        void shouldAnswerTenSimultaneousCopiesOfANewSendOnce() throws Exception {
            Owner owner = anOwnerWithAVolta();
            String key = "burst-" + UUID.randomUUID();

            List<Api.Reply> replies = simultaneously(10, () -> owner.chat().sendRaw("what oil does the Arden take?", null, key));

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
            assertThat(replies.stream().map(reply -> reply.field("sessionId")).distinct()).hasSize(1);
            assertThat(replies.stream().map(reply -> reply.field("messageId")).distinct()).hasSize(1);
            assertThat(APP.database().count("SELECT count(*) FROM conversations WHERE user_id = '" + owner.session().userId()
                    + "' AND title LIKE 'what oil%'")).isEqualTo(1);
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '"
                    + replies.get(0).field("sessionId") + "'")).isEqualTo(2);
        }

        @Test
        void shouldAnswerTenSimultaneousCopiesOfASendInAConversationOnce() throws Exception {
            Owner owner = anOwnerWithAVolta();
            UUID session = UUID.fromString(owner.chat().send("hello", null).path("sessionId").asText());
            String key = "burst-" + UUID.randomUUID();

            List<Api.Reply> replies = simultaneously(10, () -> owner.chat().sendRaw("what oil does the Arden take?", session, key));

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
            assertThat(replies.stream().map(reply -> reply.field("messageId")).distinct()).hasSize(1);
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + session + "'"))
                    .isEqualTo(4);
        }

        @Test
        void shouldRefuseAKeyUsedBeforeInAnotherConversation() {
            Owner owner = anOwnerWithAVolta();
            String key = "reused-" + UUID.randomUUID();
            owner.chat().sendRaw("hello", null, key);
            UUID other = UUID.fromString(owner.chat().send("hi again", null).path("sessionId").asText());

            Api.Reply reused = owner.chat().sendRaw("what oil does the Arden take?", other, key);

            assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
        }

        private static List<Api.Reply> simultaneously(int copies, java.util.concurrent.Callable<Api.Reply> send)
                throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(copies);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Api.Reply>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < copies; i++) {
                    sent.add(pool.submit(() -> {
                        start.await();
                        return send.call();
                    }));
                }
                start.countDown();
                List<Api.Reply> replies = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Api.Reply> reply : sent) {
                    replies.add(reply.get());
                }
                return replies;
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void shouldAnswerAnAcknowledgedMessageWhoseAnswerWasLostInACrash() throws Exception {
            Owner owner = anOwnerWithAVolta();
            String key = "crash-" + UUID.randomUUID();
            // The state a crash leaves behind: the owner's message stored, no answer, and none coming
            // (older than a turn can take; a younger one is taken to be answered still and waited for).
            UUID conversation = UUID.randomUUID();
            try (var connection = APP.database().connect(); var statement = connection.createStatement()) {
                statement.execute("INSERT INTO conversations (id, user_id, title) VALUES ('" + conversation + "', '"
                        + owner.session().userId() + "', 'crash')");
                statement.execute("INSERT INTO messages (id, conversation_id, role, content, idempotency_key, created_at) VALUES ('"
                        + UUID.randomUUID() + "', '" + conversation + "', 'user', 'hello there', '" + key
                        + "', now() - interval '5 minutes')");
            }
            JsonNode retried = owner.chat().sendRaw("hello there", null, key).json();
            assertThat(retried.path("sessionId").asText()).isEqualTo(conversation.toString());
            assertThat(retried.path("answer").asText()).isNotBlank();
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + conversation + "' AND role = 'user'"))
                    .isEqualTo(1);
            assertThat(APP.database().count("SELECT count(*) FROM messages WHERE conversation_id = '" + conversation
                    + "' AND role = 'assistant'")).isEqualTo(1);
        }
    }
}
