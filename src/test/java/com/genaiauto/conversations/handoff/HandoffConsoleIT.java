package com.genaiauto.conversations.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.EventStreamClient;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.SocketFrames;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the support console uses: the live queue, the case of a handoff, the conversation live, the
 * hand-back, and that both streams reach agents on another replica through Redis.
 */
@DisplayName("Support console API")
class HandoffConsoleIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static Api api;
    private static Accounts accounts;

    @BeforeAll
    static void seedTheManuals() {
        APP.task("kb-seed", "");
        api = APP.api();
        accounts = new Accounts(api);
    }

    /** An owner's conversation handed to a person: the owner, the conversation, the handoff. */
    private record Raised(Session owner, UUID vehicleId, UUID conversationId, UUID handoffId) {
    }

    /** An owner with a Kestrel Volta asks a manual question about it, then asks for a person. */
    private static Raised raise(String request) {
        Session owner = accounts.aCustomer().withFullName("Robin Example").register();
        UUID vehicle = owner.aVehicle().ofModel("Kestrel", "Volta", "electric").create();
        Api.Reply asked = api.post("/api/v1/chat", Map.of("message", "What tyre pressure should my Volta have?",
                "vehicleId", vehicle.toString()), owner.accessToken());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        UUID conversation = UUID.fromString(asked.field("sessionId"));
        Api.Reply handedOver = api.post("/api/v1/chat", Map.of("message", request, "sessionId", conversation.toString()),
                owner.accessToken());
        assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(200);
        assertThat(handedOver.json().path("handoff").asBoolean()).as(handedOver.toString()).isTrue();
        return new Raised(owner, vehicle, conversation, handoffOf(conversation));
    }

    private static UUID handoffOf(UUID conversation) {
        Session agent = accounts.anAgent();
        for (String status : List.of("open", "accepted")) {
            for (JsonNode item : api.get("/api/v1/handoffs?status=" + status + "&limit=100", agent.accessToken()).json()
                    .path("items")) {
                if (item.path("conversationId").asText().equals(conversation.toString())) {
                    return UUID.fromString(item.path("id").asText());
                }
            }
        }
        throw new AssertionError("no active handoff for " + conversation);
    }

    private static Api.Reply post(String path, String token) {
        return api.post(path, Map.of(), token);
    }

    @Nested
    @DisplayName("the live queue")
    class Queue {

        @Test
        void shouldOpenWithTheQueueThenPushEachNewHandoffUrgentOnesMarkedUrgent() throws Exception {
            Session agent = accounts.anAgent();
            Raised waiting = raise("I want to talk to a human");
            try (EventStreamClient stream = EventStreamClient.open(APP.port(), "/api/v1/handoffs/events", agent.accessToken())) {
                assertThat(stream.status()).isEqualTo(200);
                EventStreamClient.Event snapshot = stream.next();
                assertThat(snapshot.name()).isEqualTo("queue");
                assertThat(ids(snapshot.data().path("open"))).contains(waiting.handoffId().toString());

                Raised normal = raise("Can I speak to a person please?");
                JsonNode opened = stream.next(event -> event.name().equals("handoff")
                        && event.data().path("id").asText().equals(normal.handoffId().toString())).data();
                assertThat(opened.path("status").asText()).isEqualTo("open");
                assertThat(opened.path("reason").asText()).isEqualTo("user_request");
                assertThat(opened.path("priority").asText()).isEqualTo("normal");

                Raised hazard = raise("pressing the brake pedal barely slows the car down any more");
                JsonNode urgent = stream.next(event -> event.name().equals("handoff")
                        && event.data().path("conversationId").asText().equals(hazard.conversationId().toString())
                        && event.data().path("priority").asText().equals("urgent")).data();
                assertThat(urgent.path("reason").asText()).isEqualTo("safety");

                assertThat(post("/api/v1/handoffs/" + normal.handoffId() + "/accept", agent.accessToken()).status())
                        .isEqualTo(200);
                JsonNode taken = stream.next(event -> event.name().equals("handoff")
                        && event.data().path("id").asText().equals(normal.handoffId().toString())
                        && event.data().path("status").asText().equals("accepted")).data();
                assertThat(taken.path("assignedAgentId").asText()).isEqualTo(agent.userId().toString());
            }
        }

        @Test
        void shouldRefuseTheStreamToOwnersAndStrangers() throws Exception {
            Session owner = accounts.aCustomer().register();
            try (EventStreamClient anonymous = EventStreamClient.open(APP.port(), "/api/v1/handoffs/events", null);
                 EventStreamClient customer = EventStreamClient.open(APP.port(), "/api/v1/handoffs/events", owner.accessToken())) {
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(customer.status()).isEqualTo(403);
                assertThat(customer.error().path("error").path("code").asText()).isEqualTo("forbidden");
            }
        }
    }

    @Nested
    @DisplayName("the case of a handoff")
    class Case {

        @Test
        void shouldShowHistoryOwnerVehicleServiceHistoryReasonAndPassagesWithoutContactDetails() {
            Raised raised = raise("I want to talk to a human");
            Session admin = accounts.admin();
            Api.Reply visit = api.post("/api/v1/vehicles/" + raised.vehicleId() + "/service-history", Map.of(
                    "serviceDate", "2026-03-02", "serviceType", "annual inspection", "description", "Brake fluid replaced",
                    "mileageKm", 11_000, "dealer", "north"), admin.accessToken());
            assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
            Session agent = accounts.anAgent();

            Api.Reply read = api.get("/api/v1/handoffs/" + raised.handoffId(), agent.accessToken());

            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            JsonNode body = read.json();
            assertThat(body.path("handoff").path("reason").asText()).isEqualTo("user_request");
            assertThat(body.path("handoff").path("priority").asText()).isEqualTo("normal");
            List<String> roles = new ArrayList<>();
            body.path("conversation").path("messages").forEach(m -> roles.add(m.path("role").asText()));
            assertThat(roles).containsExactly("user", "assistant", "user", "assistant");
            JsonNode firstAnswer = body.path("conversation").path("messages").get(1);
            assertThat(firstAnswer.path("sources").size()).as(firstAnswer.toString()).isPositive();
            assertThat(firstAnswer.path("createdAt").asText()).isNotBlank();
            assertThat(body.path("owner").path("fullName").asText()).isEqualTo("Robin Example");
            assertThat(body.path("owner").path("vehicleCount").asInt()).isEqualTo(1);
            assertThat(body.path("vehicle").path("id").asText()).isEqualTo(raised.vehicleId().toString());
            assertThat(body.path("vehicle").path("make").asText()).isEqualTo("Kestrel");
            assertThat(body.path("vehicle").has("licensePlate")).isFalse();
            assertThat(body.path("owner").has("email")).isFalse();
            assertThat(body.path("owner").has("phone")).isFalse();
            assertThat(body.path("serviceHistory")).hasSize(1);
            assertThat(body.path("serviceHistory").get(0).path("description").asText()).isEqualTo("Brake fluid replaced");
            JsonNode passage = body.path("passages").get(0);
            assertThat(passage.path("title").asText()).isEqualTo(firstAnswer.path("sources").get(0).path("title").asText());
            assertThat(passage.path("citedBy").get(0).asText()).isEqualTo(firstAnswer.path("id").asText());
            assertThat(passage.path("excerpt").asText()).isNotBlank()
                    .isEqualTo(firstAnswer.path("sources").get(0).path("excerpt").asText());
        }

        @Test
        void shouldAnswer404ForAnUnknownHandoffAnd403ForOwners() {
            Raised raised = raise("I want to talk to a human");
            Api.Reply unknown = api.get("/api/v1/handoffs/" + UUID.randomUUID(), accounts.anAgent().accessToken());
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("not_found");
            assertThat(api.get("/api/v1/handoffs/" + raised.handoffId(), raised.owner().accessToken()).status())
                    .isEqualTo(403);
        }
    }

    @Nested
    @DisplayName("the conversation, live")
    class Conversation {

        @Test
        void shouldPushTheOwnersMessagesAndTheAgentsRepliesToTheWatchingAgent() throws Exception {
            Raised raised = raise("I want to talk to a human");
            Session agent = accounts.anAgent();
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/accept", agent.accessToken()).status()).isEqualTo(200);
            try (EventStreamClient stream = EventStreamClient.open(APP.port(),
                    "/api/v1/handoffs/" + raised.handoffId() + "/events", agent.accessToken())) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.next().name()).isEqualTo("ready");

                Api.Reply said = api.post("/api/v1/chat", Map.of("message", "The light came on again this morning",
                        "sessionId", raised.conversationId().toString()), raised.owner().accessToken());
                assertThat(said.status()).as(said.toString()).isEqualTo(200);
                JsonNode message = stream.next("user_message").data();
                assertThat(message.path("content").asText()).isEqualTo("The light came on again this morning");

                Api.Reply reply = api.post("/api/v1/handoffs/" + raised.handoffId() + "/messages",
                        Map.of("content", "Thanks, I am looking at it"), agent.accessToken());
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                assertThat(stream.next("agent_message").data().path("content").asText()).isEqualTo("Thanks, I am looking at it");
            }
        }

        @Test
        void shouldAnswer404ForTheEventsOfAnUnknownHandoff() throws Exception {
            try (EventStreamClient stream = EventStreamClient.open(APP.port(),
                    "/api/v1/handoffs/" + UUID.randomUUID() + "/events", accounts.anAgent().accessToken())) {
                assertThat(stream.status()).isEqualTo(404);
            }
        }
    }

    @Nested
    @DisplayName("hand back and resolve")
    class Ending {

        @Test
        void shouldHandBackSoTheAssistantAnswersAgain() {
            Raised raised = raise("I want to talk to a human");
            Session agent = accounts.anAgent();
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/accept", agent.accessToken()).status()).isEqualTo(200);
            Api.Reply whileTaken = api.post("/api/v1/chat", Map.of("message", "What tyre pressure should my Volta have?",
                    "sessionId", raised.conversationId().toString()), raised.owner().accessToken());
            assertThat(whileTaken.json().path("agent").asText()).isEqualTo("human");

            Api.Reply handedBack = post("/api/v1/handoffs/" + raised.handoffId() + "/hand-back", agent.accessToken());

            assertThat(handedBack.status()).as(handedBack.toString()).isEqualTo(200);
            assertThat(handedBack.json().path("status").asText()).isEqualTo("cancelled");
            assertThat(handedBack.json().path("resolvedAt").asText()).isNotBlank();
            JsonNode conversation = api.get("/api/v1/conversations/" + raised.conversationId(),
                    raised.owner().accessToken()).json().path("conversation");
            assertThat(conversation.path("status").asText()).isEqualTo("active");
            Api.Reply after = api.post("/api/v1/chat", Map.of("message", "What tyre pressure should my Volta have?",
                    "sessionId", raised.conversationId().toString()), raised.owner().accessToken());
            assertThat(after.json().path("agent").asText()).isNotEqualTo("human");
            assertThat(after.json().path("handoff").asBoolean()).isFalse();
            // A retry answers the same; resolving what was handed back is a conflict.
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/hand-back", agent.accessToken()).status())
                    .isEqualTo(200);
            Api.Reply resolve = post("/api/v1/handoffs/" + raised.handoffId() + "/resolve", agent.accessToken());
            assertThat(resolve.status()).isEqualTo(409);
            assertThat(resolve.errorCode()).isEqualTo("conflict");
        }

        @Test
        void shouldTellTheOwnersSocketWhenTheConversationIsHandedBack() throws Exception {
            Raised raised = raise("I want to talk to a human");
            Session agent = accounts.anAgent();
            SocketFrames socket = SocketFrames.signedIn(HttpClient.newHttpClient(),
                    "ws://localhost:" + APP.port() + "/ws/" + raised.conversationId(), raised.owner().accessToken());
            try {
                assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/hand-back", agent.accessToken()).status())
                        .isEqualTo(200);
                JsonNode frame;
                do {
                    frame = socket.next();
                } while (!frame.path("type").asText().equals("handoff"));
                assertThat(frame.path("data").path("status").asText()).isEqualTo("cancelled");
            } finally {
                socket.close();
            }
        }

        @Test
        void shouldLeaveAnotherAgentsHandoffAloneButLetAnAdministratorEndIt() {
            Raised raised = raise("I want to talk to a human");
            Session taker = accounts.anAgent();
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/accept", taker.accessToken()).status()).isEqualTo(200);

            Session other = accounts.anAgent();
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/hand-back", other.accessToken()).status())
                    .isEqualTo(409);
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/resolve", other.accessToken()).status())
                    .isEqualTo(409);
            Api.Reply byAdmin = post("/api/v1/handoffs/" + raised.handoffId() + "/resolve", accounts.admin().accessToken());
            assertThat(byAdmin.status()).isEqualTo(200);
            assertThat(byAdmin.json().path("status").asText()).isEqualTo("resolved");
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/resolve", taker.accessToken()).status())
                    .isEqualTo(200);
            assertThat(post("/api/v1/handoffs/" + raised.handoffId() + "/hand-back", taker.accessToken()).status())
                    .isEqualTo(409);
        }

        @Test
        void shouldAnswer404ForAnUnknownHandoff() {
            Api.Reply reply = post("/api/v1/handoffs/" + UUID.randomUUID() + "/hand-back", accounts.anAgent().accessToken());
            assertThat(reply.status()).isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("across replicas")
    class Replicas {

        @Test
        void shouldPushHandoffsAndMessagesToAnAgentOnAnotherReplica() throws Exception {
            var replica = APP.startReplica();
            try {
                int other = replica.getLocalPort();
                Session agent = accounts.anAgent();
                try (EventStreamClient queue = EventStreamClient.open(other, "/api/v1/handoffs/events", agent.accessToken())) {
                    assertThat(queue.next().name()).isEqualTo("queue");
                    Raised raised = raise("I want to talk to a human"); // on the first replica
                    queue.next(event -> event.name().equals("handoff")
                            && event.data().path("id").asText().equals(raised.handoffId().toString()));

                    Api onOther = new Api(other);
                    assertThat(onOther.post("/api/v1/handoffs/" + raised.handoffId() + "/accept", Map.of(),
                            agent.accessToken()).status()).isEqualTo(200);
                    try (EventStreamClient conversation = EventStreamClient.open(other,
                            "/api/v1/handoffs/" + raised.handoffId() + "/events", agent.accessToken())) {
                        assertThat(conversation.next().name()).isEqualTo("ready");
                        api.post("/api/v1/chat", Map.of("message", "Are you there?",
                                "sessionId", raised.conversationId().toString()), raised.owner().accessToken());
                        assertThat(conversation.next("user_message").data().path("content").asText())
                                .isEqualTo("Are you there?");
                    }
                }
            } finally {
                replica.after();
            }
        }
    }

    private static List<String> ids(JsonNode handoffs) {
        List<String> ids = new ArrayList<>();
        handoffs.forEach(handoff -> ids.add(handoff.path("id").asText()));
        return ids;
    }
}
