package com.genaiauto.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.SocketFrames;
import com.genaiauto.testing.Uploads;
import java.net.http.HttpClient;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real answers of the running application, across the API, match what {@code /openapi.json} says
 * of them: each status is documented for its operation, each media type is listed, and each JSON
 * body validates against the operation's schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect,
 * with no property the schema does not list). Errors included: 400, 401, 403, 404, 409, 422.
 */
@DisplayName("Real responses match the OpenAPI document")
class OpenApiResponsesIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static OpenApiSpec spec;
    private static Api api;
    private static Accounts accounts;
    private static Session owner;
    private static Session agent;
    private static Session admin;

    @BeforeAll
    static void signIn() {
        api = APP.api();
        spec = OpenApiSpec.of(api.get("/openapi.json", null));
        accounts = new Accounts(api);
        owner = accounts.aCustomer().register();
        agent = accounts.anAgent();
        admin = accounts.admin();
        APP.task("kb-seed", "");
    }

    /** Sends a request, asserts its status, checks the answer against the document, and returns it. */
    private static Api.Reply check(int status, String method, String template, String path, Object body, String token) {
        Api.Reply reply = api.send(method, path, body, token);
        assertThat(reply.status()).as("%s %s: %s", method, path, reply).isEqualTo(status);
        spec.assertConforms(method, template, reply);
        CHECKED.add(method + " " + template);
        return reply;
    }

    private static final java.util.Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterAll
    static void reportCoverage() {
        java.util.TreeSet<String> unchecked = spec.operations();
        unchecked.removeAll(CHECKED);
        System.out.printf("[openapi] real answers checked for %d of %d operations; not sampled: %s%n",
                spec.operations().size() - unchecked.size(), spec.operations().size(), unchecked);
    }

    private static Api.Reply check(int status, String method, String path, Object body, String token) {
        return check(status, method, path, path, body, token);
    }

    @Nested
    @DisplayName("accounts")
    class Auth {

        @Test
        void shouldDescribeRegistrationSignInAndTheirErrors() {
            String email = Accounts.uniqueEmail("spec");
            Map<String, String> registration = Map.of("email", email, "password", Accounts.PASSWORD, "fullName", "Spec Owner");
            check(202, "POST", "/api/v1/auth/register", registration, null);
            check(202, "POST", "/api/v1/auth/register", registration, null);
            check(422, "POST", "/api/v1/auth/register", Map.of("email", email), null);
            check(400, "POST", "/api/v1/auth/register", "{\"email\":", null);
            Api.Reply login = check(200, "POST", "/api/v1/auth/login", Map.of("email", email, "password",
                    Accounts.PASSWORD), null);
            check(401, "POST", "/api/v1/auth/login", Map.of("email", email, "password", "wrong-" + Accounts.PASSWORD), null);
            check(200, "POST", "/api/v1/auth/refresh", Map.of("refreshToken", login.field("refreshToken")), null);
            String token = login.field("accessToken");
            check(200, "GET", "/api/v1/auth/me", null, token);
            check(401, "GET", "/api/v1/auth/me", null, null);
            check(401, "GET", "/api/v1/auth/me", null, "not-a-token");
            check(204, "POST", "/api/v1/auth/logout", Map.of(), token);
        }

        @Test
        void shouldDescribeStaffAccountsAndApiKeys() {
            check(201, "POST", "/api/v1/auth/users", Map.of("email", Accounts.uniqueEmail("staff"), "password",
                    Accounts.PASSWORD, "role", "agent", "displayName", "Spec Agent"), admin.accessToken());
            check(403, "POST", "/api/v1/auth/users", Map.of("email", Accounts.uniqueEmail("staff"), "password",
                    Accounts.PASSWORD, "role", "admin"), owner.accessToken());
            Api.Reply key = check(201, "POST", "/api/v1/auth/api-keys", Map.of("name", "spec key"), admin.accessToken());
            check(200, "GET", "/api/v1/auth/api-keys", null, admin.accessToken());
            check(204, "DELETE", "/api/v1/auth/api-keys/{id}", "/api/v1/auth/api-keys/" + key.json().path("apiKey")
                    .path("id").asText(), null, admin.accessToken());
            check(404, "DELETE", "/api/v1/auth/api-keys/{id}", "/api/v1/auth/api-keys/" + UUID.randomUUID(), null,
                    admin.accessToken());
        }
    }

    @Nested
    @DisplayName("customers, vehicles and appointments")
    class Customers {

        @Test
        void shouldDescribeProfilesAndVehicles() {
            Api.Reply mine = check(200, "GET", "/api/v1/customers/me", null, owner.accessToken());
            String customerId = mine.field("id");
            check(200, "GET", "/api/v1/customers", null, agent.accessToken());
            check(403, "GET", "/api/v1/customers", null, owner.accessToken());
            check(200, "GET", "/api/v1/customers/{id}", "/api/v1/customers/" + customerId, null, owner.accessToken());
            check(404, "GET", "/api/v1/customers/{id}", "/api/v1/customers/" + UUID.randomUUID(), null, owner.accessToken());
            check(200, "PATCH", "/api/v1/customers/{id}", "/api/v1/customers/" + customerId,
                    Map.of("phone", "+49 30 555 0101"), owner.accessToken());
            check(422, "PATCH", "/api/v1/customers/{id}", "/api/v1/customers/" + customerId,
                    Map.of("email", Accounts.uniqueEmail("not-mine")), owner.accessToken());
            check(201, "POST", "/api/v1/customers", Map.of("fullName", "Walk-in Spec"), agent.accessToken());

            String vin = com.genaiauto.testing.Vins.random();
            Map<String, Object> vehicle = Map.of("vin", vin, "make", "Aster", "model", "Terra", "modelYear", 2023,
                    "powertrain", "electric", "mileageKm", 12_000);
            Api.Reply added = check(201, "POST", "/api/v1/vehicles", vehicle, owner.accessToken());
            check(409, "POST", "/api/v1/vehicles", vehicle, owner.accessToken());
            check(422, "POST", "/api/v1/vehicles", Map.of("vin", "short"), owner.accessToken());
            String vehicleId = added.field("id");
            String path = "/api/v1/vehicles/" + vehicleId;
            check(200, "GET", "/api/v1/vehicles", null, owner.accessToken());
            check(200, "GET", "/api/v1/vehicles/{id}", path, null, owner.accessToken());
            check(200, "PATCH", "/api/v1/vehicles/{id}", path, Map.of("mileageKm", 13_000), owner.accessToken());
            check(201, "POST", "/api/v1/vehicles/{id}/service-history", path + "/service-history",
                    Map.of("serviceDate", "2026-01-15", "serviceType", "inspection", "mileageKm", 10_000),
                    agent.accessToken());
            check(200, "GET", "/api/v1/vehicles/{id}/service-history", path + "/service-history", null,
                    owner.accessToken());
            check(404, "GET", "/api/v1/vehicles/{id}", "/api/v1/vehicles/" + UUID.randomUUID(), null, owner.accessToken());
            String otherClaim = check(201, "POST", "/api/v1/vehicles", vehicle,
                    accounts.aCustomer().register().accessToken()).field("id");
            check(200, "GET", "/api/v1/vehicles/contested", "/api/v1/vehicles/contested?vin=" + vin, null,
                    agent.accessToken());
            check(403, "GET", "/api/v1/vehicles/contested", null, owner.accessToken());
            check(200, "POST", "/api/v1/vehicles/{id}/ownership-verification", path + "/ownership-verification", null,
                    agent.accessToken());
            check(409, "POST", "/api/v1/vehicles/{id}/ownership-verification",
                    "/api/v1/vehicles/" + otherClaim + "/ownership-verification", null, agent.accessToken());
            check(204, "DELETE", "/api/v1/vehicles/{id}", path, null, owner.accessToken());
            String walkIn = check(201, "POST", "/api/v1/customers", Map.of("fullName", "Walk-in Two"),
                    agent.accessToken()).field("id");
            check(204, "DELETE", "/api/v1/customers/{id}", "/api/v1/customers/" + walkIn, null, admin.accessToken());
        }

        @Test
        void shouldDescribeBookingAndItsConflicts() {
            UUID vehicle = owner.aVehicle().create();
            check(200, "GET", "/api/v1/appointments/dealers", null, owner.accessToken());
            check(200, "GET", "/api/v1/appointments/availability", "/api/v1/appointments/availability?dealer=north"
                    + "&serviceType=inspection&date=" + Accounts.nextWeekday(3), null, owner.accessToken());
            Map<String, Object> booking = Map.of("vehicleId", vehicle.toString(), "serviceType", "oil_change",
                    "dealer", "north", "startsAt", slot(0));
            Api.Reply booked = check(201, "POST", "/api/v1/appointments", booking, owner.accessToken());
            check(409, "POST", "/api/v1/appointments", booking, owner.accessToken());
            String path = "/api/v1/appointments/" + booked.field("id");
            check(200, "GET", "/api/v1/appointments", null, owner.accessToken());
            check(200, "GET", "/api/v1/appointments/{id}", path, null, owner.accessToken());
            check(200, "PATCH", "/api/v1/appointments/{id}", path, Map.of("startsAt", slot(1)), owner.accessToken());
            check(403, "POST", "/api/v1/appointments/{id}/confirm", path + "/confirm", null, owner.accessToken());
            check(200, "POST", "/api/v1/appointments/{id}/confirm", path + "/confirm", null, agent.accessToken());
            check(200, "POST", "/api/v1/appointments/{id}/cancel", path + "/cancel", null, owner.accessToken());
            check(409, "POST", "/api/v1/appointments/{id}/complete", path + "/complete", Map.of(), agent.accessToken());
        }
    }

    @Nested
    @DisplayName("chat, conversations and handoffs")
    class Conversations {

        @Test
        void shouldDescribeAnswersStreamsAndConversations() {
            Api.Reply answer = check(200, "POST", "/api/v1/chat", Map.of("message", "How do I check the tyre pressure?"),
                    owner.accessToken());
            String session = answer.field("sessionId");
            Api.Reply stream = check(200, "POST", "/api/v1/chat/stream", Map.of("message", "And the spare wheel?",
                    "sessionId", session), owner.accessToken());
            assertThat(stream.text()).contains("event: done");
            check(422, "POST", "/api/v1/chat", Map.of("message", ""), owner.accessToken());
            check(200, "GET", "/api/v1/conversations", null, owner.accessToken());
            String path = "/api/v1/conversations/" + session;
            check(200, "GET", "/api/v1/conversations/{id}", path, null, owner.accessToken());
            check(404, "GET", "/api/v1/conversations/{id}", path, null, accounts.aCustomer().register().accessToken());
            check(204, "POST", "/api/v1/conversations/{id}/feedback", path + "/feedback",
                    Map.of("messageId", answer.field("messageId"), "rating", 1), owner.accessToken());
            check(204, "DELETE", "/api/v1/conversations/{id}", path, null, owner.accessToken());
        }

        @Test
        void shouldDescribeTheHandoffQueue() {
            Api.Reply asked = check(200, "POST", "/api/v1/chat", Map.of("message", "I want to talk to a human"),
                    owner.accessToken());
            Api.Reply queue = check(200, "GET", "/api/v1/handoffs", "/api/v1/handoffs?status=open&limit=100", null,
                    agent.accessToken());
            check(403, "GET", "/api/v1/handoffs", null, owner.accessToken());
            String handoff = null;
            for (JsonNode item : queue.json().path("items")) {
                if (item.path("conversationId").asText().equals(asked.field("sessionId"))) {
                    handoff = item.path("id").asText();
                }
            }
            assertThat(handoff).as("the owner's handoff is queued").isNotNull();
            String path = "/api/v1/handoffs/" + handoff;
            check(409, "POST", "/api/v1/handoffs/{id}/messages", path + "/messages", Map.of("content", "Too soon"),
                    agent.accessToken());
            check(200, "POST", "/api/v1/handoffs/{id}/accept", path + "/accept", null, agent.accessToken());
            check(200, "GET", "/api/v1/handoffs/{id}", path, null, agent.accessToken());
            check(201, "POST", "/api/v1/handoffs/{id}/messages", path + "/messages",
                    Map.of("content", "Hello, I am here to help."), agent.accessToken());
            check(200, "POST", "/api/v1/handoffs/{id}/hand-back", path + "/hand-back", null, agent.accessToken());
            check(404, "POST", "/api/v1/handoffs/{id}/accept", "/api/v1/handoffs/" + UUID.randomUUID() + "/accept",
                    null, agent.accessToken());
        }

        @Test
        void shouldDescribeTheChatSocketMessages() throws Exception {
            String session = api.post("/api/v1/chat", Map.of("message", "hello"), owner.accessToken()).field("sessionId");
            spec.assertValid("ChatSocketMessages.ClientMessage",
                    Api.JSON.valueToTree(Map.of("type", "auth", "token", owner.accessToken())));
            SocketFrames socket = SocketFrames.signedIn(HttpClient.newHttpClient(),
                    "ws://localhost:" + APP.port() + "/ws/" + session, owner.accessToken());
            try {
                Map<String, Object> ping = Map.of("type", "ping");
                spec.assertValid("ChatSocketMessages.ClientMessage", Api.JSON.valueToTree(ping));
                socket.send(ping);
                JsonNode pong = socket.next();
                assertThat(pong.path("type").asText()).isEqualTo("pong");
                spec.assertValid("ChatSocketMessages.ServerMessage", pong);
                Map<String, Object> message = Map.of("type", "message", "text", "What is the tyre pressure?");
                spec.assertValid("ChatSocketMessages.ClientMessage", Api.JSON.valueToTree(message));
                socket.send(message);
                JsonNode frame;
                do {
                    frame = socket.next();
                    spec.assertValid("ChatSocketMessages.ServerMessage", frame);
                } while (!frame.path("type").asText().equals("done"));
                socket.send(Map.of("type", "dance"));
                JsonNode error = socket.next();
                assertThat(error.path("type").asText()).isEqualTo("error");
                spec.assertValid("ChatSocketMessages.ServerMessage", error);
            } finally {
                socket.close();
            }
        }
    }

    @Nested
    @DisplayName("knowledge base, search and the model router")
    class Knowledge {

        @Test
        void shouldDescribeDocumentsAndSearch() {
            check(200, "GET", "/api/v1/documents", null, admin.accessToken());
            check(403, "GET", "/api/v1/documents", null, agent.accessToken());
            Api.Reply accepted = check(202, "POST", "/api/v1/documents", Map.of("title", "Spec note " + UUID.randomUUID(),
                    "content", "Wiper blades are replaced every twelve months. " + UUID.randomUUID()), admin.accessToken());
            String job = "/api/v1/documents/jobs/" + accepted.field("id");
            JsonNode done = Uploads.done(api, admin.accessToken(), accepted);
            check(200, "GET", "/api/v1/documents/jobs/{id}", job, null, admin.accessToken());
            check(200, "GET", "/api/v1/documents/jobs/{id}/events", job + "/events", null, admin.accessToken());
            check(200, "GET", "/api/v1/documents/jobs", null, admin.accessToken());
            check(404, "GET", "/api/v1/documents/jobs/{id}", "/api/v1/documents/jobs/" + UUID.randomUUID(), null,
                    admin.accessToken());
            String path = "/api/v1/documents/" + done.path("documentId").asText();
            check(200, "GET", "/api/v1/documents/{id}", path, null, admin.accessToken());
            check(200, "PUT", "/api/v1/documents/{id}/vehicle", path + "/vehicle", Map.of("make", "Aster",
                    "model", "Terra"), admin.accessToken());
            check(200, "DELETE", "/api/v1/documents/{id}/vehicle", path + "/vehicle", null, admin.accessToken());
            check(204, "DELETE", "/api/v1/documents/{id}", path, null, admin.accessToken());
            check(404, "GET", "/api/v1/documents/{id}", path, null, admin.accessToken());
            check(200, "POST", "/api/v1/search", Map.of("query", "tyre pressure"), owner.accessToken());
            check(422, "POST", "/api/v1/search", Map.of("query", ""), owner.accessToken());
        }

        @Test
        void shouldDescribeTheRouterStatusLimitsAndUsage() {
            check(200, "GET", "/api/v1/llm/status", null, agent.accessToken());
            check(403, "GET", "/api/v1/llm/status", null, owner.accessToken());
            check(200, "GET", "/api/v1/llm/usage", "/api/v1/llm/usage?by=model", null, admin.accessToken());
            check(422, "GET", "/api/v1/llm/usage", "/api/v1/llm/usage?by=planet", null, admin.accessToken());
            String user = "/api/v1/llm/users/" + owner.userId() + "/limits";
            check(200, "PUT", "/api/v1/llm/users/{id}/limits", user, Map.of("dailyBudgetUsd", 5), admin.accessToken());
            check(200, "GET", "/api/v1/llm/users/{id}/limits", user, null, admin.accessToken());
            check(204, "DELETE", "/api/v1/llm/users/{id}/limits", user, null, admin.accessToken());
            check(200, "GET", "/api/v1/llm/usage/daily", "/api/v1/llm/usage/daily?by=model", null, admin.accessToken());
            String keyId = api.post("/api/v1/auth/api-keys", Map.of("name", "spec limits"), admin.accessToken()).json()
                    .path("apiKey").path("id").asText();
            String key = "/api/v1/llm/keys/" + keyId + "/limits";
            check(200, "PUT", "/api/v1/llm/keys/{id}/limits", key, Map.of("dailyBudgetUsd", 2), admin.accessToken());
            check(200, "GET", "/api/v1/llm/keys/{id}/limits", key, null, admin.accessToken());
            check(204, "DELETE", "/api/v1/llm/keys/{id}/limits", key, null, admin.accessToken());
            check(404, "POST", "/api/v1/llm/providers/{name}/disable", "/api/v1/llm/providers/extractive/disable", null,
                    admin.accessToken());
            Api.Reply run = check(202, "POST", "/api/v1/admin/evaluations", Map.of("questions", List.of(Map.of(
                    "id", "spec", "question", "tyre pressure", "expected", List.of("tyre-pressures-and-rotation")))),
                    admin.accessToken());
            check(200, "GET", "/api/v1/admin/evaluations/{id}", "/api/v1/admin/evaluations/" + run.field("id"), null,
                    admin.accessToken());
            check(404, "GET", "/api/v1/admin/evaluations/compare", "/api/v1/admin/evaluations/compare?base="
                    + UUID.randomUUID() + "&candidate=" + UUID.randomUUID(), null, admin.accessToken());
            check(200, "GET", "/api/v1/admin/evaluations", null, admin.accessToken());
        }
    }

    @Nested
    @DisplayName("the OpenAI-compatible gateway")
    class Gateway {

        @Test
        void shouldDescribeModelsCompletionsEmbeddingsAndOpenAiErrors() {
            String key = api.post("/api/v1/auth/api-keys", Map.of("name", "spec gateway"), admin.accessToken())
                    .field("key");
            check(200, "GET", "/v1/models", null, key);
            check(200, "GET", "/v1/models/{id}", "/v1/models/extractive", null, key);
            check(404, "GET", "/v1/models/{id}", "/v1/models/no-such-model", null, key);
            check(401, "GET", "/v1/models", null, owner.accessToken());
            check(200, "POST", "/v1/chat/completions", Map.of("model", "extractive", "messages",
                    List.of(Map.of("role", "user", "content", "How do I check the tyre pressure?"))), key);
            Api.Reply streamed = check(200, "POST", "/v1/chat/completions", Map.of("model", "extractive", "stream", true,
                    "messages", List.of(Map.of("role", "user", "content", "Tyre pressure?"))), key);
            for (String line : streamed.text().split("\n")) {
                if (line.startsWith("data: {")) {
                    spec.assertValid("GatewayApi.ChatCompletionChunk", json(line.substring(6)));
                }
            }
            check(400, "POST", "/v1/chat/completions", Map.of("model", "extractive", "messages", List.of()), key);
            check(200, "POST", "/v1/embeddings", Map.of("model", "bge-small-en-v1.5", "input", List.of("brakes", "tyres")),
                    key);
            check(200, "POST", "/v1/embeddings", Map.of("model", "bge-small-en-v1.5", "input", "brakes",
                    "encoding_format", "base64"), key);
        }
    }

    @Nested
    @DisplayName("health, metrics, pages and the document itself")
    class Platform {

        @Test
        void shouldDescribeTheOperationalRoutes() {
            check(200, "GET", "/health", null, null);
            check(200, "GET", "/health/live", null, null);
            check(200, "GET", "/health/ready", null, null);
            check(200, "GET", "/api/v1/metrics", null, null);
            check(200, "GET", "/openapi.json", null, null);
            check(200, "GET", "/docs", null, null);
            check(200, "GET", "/docs/{file}", "/docs/docs.js", null, null);
            check(404, "GET", "/docs/{file}", "/docs/nothing.js", null, null);
            check(200, "GET", "/chat", null, null);
            check(200, "GET", "/chat/{file}", "/chat/chat.js", null, null);
            check(200, "GET", "/agent", null, null);
            check(200, "GET", "/agent/{file}", "/agent/agent.css", null, null);
            check(200, "GET", "/admin", null, null);
            check(200, "GET", "/admin/{file}", "/admin/console.js", null, null);
            check(200, "GET", "/assets/{file}", "/assets/icon.svg", null, null);
            check(200, "GET", "/favicon.ico", null, null);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A weekday slot at dealer north, a few days ahead; {@code n} picks the hour. */
    private static String slot(int n) {
        LocalDate day = LocalDate.now(BERLIN).plusDays(3);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(9 + n, 0)).atZone(BERLIN).toInstant().toString();
    }
}
