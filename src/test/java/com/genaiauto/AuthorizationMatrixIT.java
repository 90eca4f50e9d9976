package com.genaiauto;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.gateway.GatewayServlet;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.EventStreamClient;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Vins;
import jakarta.ws.rs.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every API endpoint × every kind of caller × (own record, someone else's record) gives the
 * expected status. The endpoints are read from the running application, so an endpoint added
 * without a row here fails {@link #shouldCoverEveryRegisteredEndpoint()}.
 */
@DisplayName("Authorization matrix")
class AuthorizationMatrixIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    static final TestDatabase DATABASE = APP.database();

    /** Who calls. OWNER acts on their own records, STRANGER (another customer) on the owner's. */
    enum Caller { ANONYMOUS, OWNER, STRANGER, AGENT, ADMIN }

    private static final int[] ALL_ACCEPTED = {202, 202, 202, 202, 202};

    /** Expected statuses in {@link Caller} order. */
    private static int[] expect(int anonymous, int owner, int stranger, int agent, int admin) {
        return new int[] {anonymous, owner, stranger, agent, admin};
    }

    /** One request; a {@code stream} (Server-Sent Events that never end) is checked by its status only. */
    private record Call(String method, String path, Object body, boolean stream) {
        Call(String method, String path, Object body) {
            this(method, path, body, false);
        }
    }

    private record Row(int[] expected, Function<World, Call> call) {
    }

    private static final Map<String, Row> MATRIX = new LinkedHashMap<>();

    static {
        // auth
        row("POST /api/v1/auth/register", ALL_ACCEPTED, w -> new Call("POST", "/api/v1/auth/register",
                Map.of("email", Accounts.uniqueEmail("matrix"), "password", Accounts.PASSWORD, "fullName", "New")));
        row("POST /api/v1/auth/login", expect(200, 200, 200, 200, 200), w -> new Call("POST", "/api/v1/auth/login",
                Map.of("email", w.owner.email(), "password", Accounts.PASSWORD)));
        row("POST /api/v1/auth/refresh", expect(200, 200, 200, 200, 200), w -> new Call("POST",
                "/api/v1/auth/refresh", Map.of("refreshToken", w.owner.refreshToken())));
        row("POST /api/v1/auth/logout", expect(401, 204, 204, 204, 204),
                w -> new Call("POST", "/api/v1/auth/logout", Map.of()));
        row("GET /api/v1/auth/me", expect(401, 200, 200, 200, 200), w -> new Call("GET", "/api/v1/auth/me", null));
        row("POST /api/v1/auth/users", expect(401, 403, 403, 403, 201), w -> new Call("POST", "/api/v1/auth/users",
                Map.of("email", Accounts.uniqueEmail("staff"), "password", Accounts.PASSWORD, "role", "agent")));
        row("GET /api/v1/auth/api-keys", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/auth/api-keys", null));
        row("POST /api/v1/auth/api-keys", expect(401, 403, 403, 403, 201),
                w -> new Call("POST", "/api/v1/auth/api-keys", Map.of("name", "matrix key")));
        row("DELETE /api/v1/auth/api-keys/{id}", expect(401, 403, 403, 403, 204),
                w -> new Call("DELETE", "/api/v1/auth/api-keys/" + w.apiKeyId(), null));
        // customers
        row("GET /api/v1/customers", expect(401, 403, 403, 200, 200), w -> new Call("GET", "/api/v1/customers", null));
        row("POST /api/v1/customers", expect(401, 403, 403, 201, 201), w -> new Call("POST", "/api/v1/customers",
                Map.of("fullName", "Walk-in Customer", "phone", "+49 30 1234567")));
        row("GET /api/v1/customers/me", expect(401, 200, 200, 404, 404),
                w -> new Call("GET", "/api/v1/customers/me", null));
        row("GET /api/v1/customers/{id}", expect(401, 200, 404, 200, 200),
                w -> new Call("GET", "/api/v1/customers/" + w.owner.customerId(), null));
        row("PATCH /api/v1/customers/{id}", expect(401, 200, 404, 403, 200),
                w -> new Call("PATCH", "/api/v1/customers/" + w.owner.customerId(), Map.of("phone", "+49 40 555")));
        row("DELETE /api/v1/customers/{id}", expect(401, 403, 404, 403, 204),
                w -> new Call("DELETE", "/api/v1/customers/" + w.owner.customerId(), null));
        // vehicles
        row("GET /api/v1/vehicles", expect(401, 200, 200, 200, 200), w -> new Call("GET", "/api/v1/vehicles", null));
        row("POST /api/v1/vehicles", expect(401, 201, 403, 403, 201), w -> new Call("POST", "/api/v1/vehicles",
                Map.of("customerId", w.owner.customerId().toString(), "vin", Vins.random(), "make", "Aster",
                        "model", "Terra", "modelYear", 2023)));
        row("GET /api/v1/vehicles/{id}", expect(401, 200, 404, 200, 200),
                w -> new Call("GET", "/api/v1/vehicles/" + w.vehicleId, null));
        row("PATCH /api/v1/vehicles/{id}", expect(401, 200, 404, 403, 200),
                w -> new Call("PATCH", "/api/v1/vehicles/" + w.vehicleId, Map.of("mileageKm", 20_000)));
        row("DELETE /api/v1/vehicles/{id}", expect(401, 204, 404, 403, 204),
                w -> new Call("DELETE", "/api/v1/vehicles/" + w.vehicleId, null));
        row("GET /api/v1/vehicles/contested", expect(401, 403, 403, 200, 200),
                w -> new Call("GET", "/api/v1/vehicles/contested", null));
        row("POST /api/v1/vehicles/{id}/ownership-verification", expect(401, 403, 404, 200, 200),
                w -> new Call("POST", "/api/v1/vehicles/" + w.vehicleId + "/ownership-verification", null));
        row("GET /api/v1/vehicles/{id}/service-history", expect(401, 200, 404, 200, 200),
                w -> new Call("GET", "/api/v1/vehicles/" + w.vehicleId + "/service-history", null));
        row("POST /api/v1/vehicles/{id}/service-history", expect(401, 403, 404, 201, 201),
                w -> new Call("POST", "/api/v1/vehicles/" + w.vehicleId + "/service-history",
                        Map.of("serviceDate", "2026-01-15", "serviceType", "inspection", "mileageKm", 10_000)));
        // appointments
        row("GET /api/v1/appointments", expect(401, 200, 200, 200, 200),
                w -> new Call("GET", "/api/v1/appointments", null));
        row("POST /api/v1/appointments", expect(401, 201, 404, 201, 201), w -> new Call("POST", "/api/v1/appointments",
                Map.of("vehicleId", w.vehicleId.toString(), "serviceType", "oil_change", "dealer", "north",
                        "startsAt", nextSlot())));
        row("GET /api/v1/appointments/availability", expect(401, 200, 200, 200, 200), w -> new Call("GET",
                "/api/v1/appointments/availability?dealer=north&serviceType=inspection&date="
                        + Accounts.nextWeekday(2), null));
        row("GET /api/v1/appointments/dealers", expect(401, 200, 200, 200, 200),
                w -> new Call("GET", "/api/v1/appointments/dealers", null));
        row("GET /api/v1/appointments/{id}", expect(401, 200, 404, 200, 200),
                w -> new Call("GET", "/api/v1/appointments/" + w.appointmentId, null));
        row("PATCH /api/v1/appointments/{id}", expect(401, 200, 404, 200, 200),
                w -> new Call("PATCH", "/api/v1/appointments/" + w.appointmentId, Map.of("startsAt", nextSlot())));
        row("POST /api/v1/appointments/{id}/confirm", expect(401, 403, 404, 200, 200),
                w -> new Call("POST", "/api/v1/appointments/" + w.appointmentId + "/confirm", null));
        row("POST /api/v1/appointments/{id}/complete", expect(401, 403, 404, 200, 200),
                w -> new Call("POST", "/api/v1/appointments/" + w.appointmentId + "/complete", Map.of()));
        row("POST /api/v1/appointments/{id}/cancel", expect(401, 200, 404, 200, 200),
                w -> new Call("POST", "/api/v1/appointments/" + w.appointmentId + "/cancel", null));
        // llm
        row("GET /api/v1/llm/status", expect(401, 403, 403, 200, 200),
                w -> new Call("GET", "/api/v1/llm/status", null));
        // Limits of keys and users, and spend reports: administrators only.
        row("GET /api/v1/llm/keys/{id}/limits", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/llm/keys/" + w.limited("keys", w.apiKeyId()) + "/limits", null));
        row("PUT /api/v1/llm/keys/{id}/limits", expect(401, 403, 403, 403, 200),
                w -> new Call("PUT", "/api/v1/llm/keys/" + w.apiKeyId() + "/limits", Map.of("dailyBudgetUsd", 1)));
        row("DELETE /api/v1/llm/keys/{id}/limits", expect(401, 403, 403, 403, 204),
                w -> new Call("DELETE", "/api/v1/llm/keys/" + w.limited("keys", w.apiKeyId()) + "/limits", null));
        row("GET /api/v1/llm/users/{id}/limits", expect(401, 403, 403, 403, 200), w -> new Call("GET",
                "/api/v1/llm/users/" + w.limited("users", w.owner.userId().toString()) + "/limits", null));
        row("PUT /api/v1/llm/users/{id}/limits", expect(401, 403, 403, 403, 200), w -> new Call("PUT",
                "/api/v1/llm/users/" + w.owner.userId() + "/limits", Map.of("monthlyBudgetUsd", 10)));
        row("DELETE /api/v1/llm/users/{id}/limits", expect(401, 403, 403, 403, 204), w -> new Call("DELETE",
                "/api/v1/llm/users/" + w.limited("users", w.owner.userId().toString()) + "/limits", null));
        row("GET /api/v1/llm/usage", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/llm/usage?by=model", null));
        row("GET /api/v1/llm/usage/daily", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/llm/usage/daily?by=key", null));
        // The operator console's provider switches (the admin port's tasks do the same). This app
        // has no remote provider, so 404 proves the role check passed; ControlPlaneIT flips real ones.
        row("POST /api/v1/llm/providers/{name}/enable", expect(401, 403, 403, 403, 404),
                w -> new Call("POST", "/api/v1/llm/providers/openrouter/enable", null));
        row("POST /api/v1/llm/providers/{name}/disable", expect(401, 403, 403, 403, 404),
                w -> new Call("POST", "/api/v1/llm/providers/openrouter/disable", null));
        row("POST /api/v1/llm/providers/{name}/circuit/open", expect(401, 403, 403, 403, 404),
                w -> new Call("POST", "/api/v1/llm/providers/openrouter/circuit/open", null));
        row("POST /api/v1/llm/providers/{name}/circuit/reset", expect(401, 403, 403, 403, 404),
                w -> new Call("POST", "/api/v1/llm/providers/openrouter/circuit/reset", null));
        // rag: the manuals are searchable by anyone signed in; managing them is for admins. Unknown
        // ids prove the role check passed (404) without needing a document per cell.
        row("POST /api/v1/search", expect(401, 200, 200, 200, 200),
                w -> new Call("POST", "/api/v1/search", Map.of("query", "tyre pressure")));
        row("POST /api/v1/documents", expect(401, 403, 403, 403, 202), w -> new Call("POST", "/api/v1/documents",
                Map.of("title", "Matrix " + UUID.randomUUID(), "content", "Matrix document " + UUID.randomUUID())));
        row("GET /api/v1/documents/jobs", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/documents/jobs", null));
        row("GET /api/v1/documents/jobs/{id}", expect(401, 403, 403, 403, 404),
                w -> new Call("GET", "/api/v1/documents/jobs/" + UUID.randomUUID(), null));
        row("GET /api/v1/documents/jobs/{id}/events", expect(401, 403, 403, 403, 404),
                w -> new Call("GET", "/api/v1/documents/jobs/" + UUID.randomUUID() + "/events", null));
        row("GET /api/v1/documents", expect(401, 403, 403, 403, 200), w -> new Call("GET", "/api/v1/documents", null));
        row("GET /api/v1/documents/{id}", expect(401, 403, 403, 403, 404),
                w -> new Call("GET", "/api/v1/documents/" + UUID.randomUUID(), null));
        row("DELETE /api/v1/documents/{id}", expect(401, 403, 403, 403, 404),
                w -> new Call("DELETE", "/api/v1/documents/" + UUID.randomUUID(), null));
        row("PUT /api/v1/documents/{id}/vehicle", expect(401, 403, 403, 403, 404),
                w -> new Call("PUT", "/api/v1/documents/" + UUID.randomUUID() + "/vehicle", Map.of("make", "Aster")));
        row("DELETE /api/v1/documents/{id}/vehicle", expect(401, 403, 403, 403, 404),
                w -> new Call("DELETE", "/api/v1/documents/" + UUID.randomUUID() + "/vehicle", null));
        row("POST /api/v1/admin/evaluations", expect(401, 403, 403, 403, 202), w -> new Call("POST",
                "/api/v1/admin/evaluations", Map.of("questions", List.of(Map.of("id", "m", "question", "tyre pressure",
                        "expected", List.of("tyre-pressures-and-rotation"))))));
        row("GET /api/v1/admin/evaluations", expect(401, 403, 403, 403, 200),
                w -> new Call("GET", "/api/v1/admin/evaluations", null));
        row("GET /api/v1/admin/evaluations/{id}", expect(401, 403, 403, 403, 404),
                w -> new Call("GET", "/api/v1/admin/evaluations/" + UUID.randomUUID(), null));
        row("GET /api/v1/admin/evaluations/compare", expect(401, 403, 403, 403, 404), w -> new Call("GET",
                "/api/v1/admin/evaluations/compare?base=" + UUID.randomUUID() + "&candidate=" + UUID.randomUUID(), null));
        // conversations: everyone signed in chats in their own sessions; another customer's session
        // does not exist for them (404); only the support team works the handoff queue.
        row("POST /api/v1/chat", expect(401, 200, 200, 200, 200),
                w -> new Call("POST", "/api/v1/chat", Map.of("message", "hello")));
        row("POST /api/v1/chat/stream", expect(401, 200, 200, 200, 200),
                w -> new Call("POST", "/api/v1/chat/stream", Map.of("message", "hello")));
        row("GET /api/v1/conversations", expect(401, 200, 200, 200, 200),
                w -> new Call("GET", "/api/v1/conversations", null));
        row("GET /api/v1/conversations/{id}", expect(401, 200, 404, 200, 200),
                w -> new Call("GET", "/api/v1/conversations/" + w.conversation()[0], null));
        row("DELETE /api/v1/conversations/{id}", expect(401, 204, 404, 404, 404),
                w -> new Call("DELETE", "/api/v1/conversations/" + w.conversation()[0], null));
        row("POST /api/v1/conversations/{id}/feedback", expect(401, 204, 404, 404, 404), w -> {
            String[] conversation = w.conversation();
            return new Call("POST", "/api/v1/conversations/" + conversation[0] + "/feedback",
                    Map.of("messageId", conversation[1], "rating", 1));
        });
        row("GET /api/v1/handoffs", expect(401, 403, 403, 200, 200), w -> new Call("GET", "/api/v1/handoffs", null));
        row("POST /api/v1/handoffs/{id}/accept", expect(401, 403, 403, 200, 200),
                w -> new Call("POST", "/api/v1/handoffs/" + w.handoffId() + "/accept", null));
        row("POST /api/v1/handoffs/{id}/messages", expect(401, 403, 403, 404, 404), w -> new Call("POST",
                "/api/v1/handoffs/" + UUID.randomUUID() + "/messages", Map.of("content", "Hello from support")));
        row("POST /api/v1/handoffs/{id}/resolve", expect(401, 403, 403, 200, 200),
                w -> new Call("POST", "/api/v1/handoffs/" + w.handoffId() + "/resolve", null));
        row("POST /api/v1/handoffs/{id}/hand-back", expect(401, 403, 403, 200, 200),
                w -> new Call("POST", "/api/v1/handoffs/" + w.handoffId() + "/hand-back", null));
        row("GET /api/v1/handoffs/{id}", expect(401, 403, 403, 200, 200),
                w -> new Call("GET", "/api/v1/handoffs/" + w.handoffId(), null));
        row("GET /api/v1/handoffs/events", expect(401, 403, 403, 200, 200),
                w -> new Call("GET", "/api/v1/handoffs/events", null, true));
        row("GET /api/v1/handoffs/{id}/events", expect(401, 403, 403, 200, 200),
                w -> new Call("GET", "/api/v1/handoffs/" + w.handoffId() + "/events", null, true));
        // The chat page is public: it holds no data and no secrets; signing in happens in it.
        row("GET /chat", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/chat", null));
        row("GET /chat/{file}", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/chat/chat.js", null));
        // The support console is public in the same way; its data need an agent's or admin's token.
        row("GET /agent", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/agent", null));
        row("GET /agent/{file}", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/agent/agent.js", null));
        // The operator console is public in the same way; its data need an administrator's token.
        row("GET /admin", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/admin", null));
        row("GET /admin/{file}", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/admin/console.js", null));
        // Files every page shares (the session module, the base style sheet, the icons): public too.
        row("GET /assets/{file}", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/assets/session.js", null));
        row("GET /favicon.ico", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/favicon.ico", null));
        // The API's description and its reader are public: they hold the API's shape, no data.
        row("GET /openapi.json", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/openapi.json", null));
        row("GET /docs", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/docs", null));
        row("GET /docs/{file}", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/docs/docs.js", null));
        // Prometheus scrapes without credentials; nginx admits private networks only.
        row("GET /api/v1/metrics", expect(200, 200, 200, 200, 200), w -> new Call("GET", "/api/v1/metrics", null));
        // The OpenAI-compatible gateway takes API keys only: a user's token is not one.
        row("GET /v1/models", expect(401, 401, 401, 401, 401), w -> new Call("GET", "/v1/models", null));
        row("GET /v1/models/{id}", expect(401, 401, 401, 401, 401), w -> new Call("GET", "/v1/models/extractive", null));
        row("POST /v1/embeddings", expect(401, 401, 401, 401, 401), w -> new Call("POST", "/v1/embeddings",
                Map.of("model", "bge-small-en-v1.5", "input", "hello")));
        row("POST /v1/chat/completions", expect(401, 401, 401, 401, 401), w -> new Call("POST",
                "/v1/chat/completions", Map.of("model", "extractive",
                        "messages", List.of(Map.of("role", "user", "content", "hello")))));
    }

    private static void row(String endpoint, int[] expected, Function<World, Call> call) {
        MATRIX.put(endpoint, new Row(expected, call));
    }

    @Test
    void shouldCoverEveryRegisteredEndpoint() {
        TreeSet<String> registered = new TreeSet<>();
        var config = APP.support().getEnvironment().jersey().getResourceConfig();
        java.util.Set<Class<?>> types = new java.util.HashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> types.add(instance.getClass()));
        config.getSingletons().forEach(instance -> types.add(instance.getClass()));
        for (Class<?> type : types) {
            if (type.isAnnotationPresent(Path.class)) {
                collect(Resource.from(type), "", registered);
            }
        }
        assertThat(types).as("registered JAX-RS components").isNotEmpty();
        // The model gateway is a plain servlet (kept out of Jersey for latency).
        registered.addAll(GatewayServlet.ENDPOINTS);
        // Health endpoints are public by design (load balancers); everything else needs a row.
        registered.removeIf(endpoint -> endpoint.contains(" /health"));
        assertThat(registered).as("endpoints without a row in the authorization matrix")
                .containsExactlyInAnyOrderElementsOf(MATRIX.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        Api api = new Api(APP.port());
        Accounts accounts = new Accounts(api);
        Map<Caller, Session> sessions = new EnumMap<>(Caller.class);
        sessions.put(Caller.STRANGER, accounts.aCustomer().register());
        sessions.put(Caller.AGENT, accounts.anAgent());
        List<DynamicTest> tests = new ArrayList<>();
        MATRIX.forEach((endpoint, row) -> {
            for (Caller caller : Caller.values()) {
                int expected = row.expected()[caller.ordinal()];
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + caller + " -> " + expected, () -> {
                    World world = World.create(api, accounts);
                    Session session = switch (caller) {
                        case ANONYMOUS -> null;
                        case OWNER -> world.owner;
                        // Fresh logins: the logout row must not sign later cells out.
                        case STRANGER, AGENT -> freshLogin(api, sessions.get(caller).email(), Accounts.PASSWORD);
                        case ADMIN -> freshLogin(api, Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD);
                    };
                    Call call = row.call().apply(world);
                    String token = session == null ? null : session.accessToken();
                    Api.Reply reply = call.stream() ? EventStreamClient.opens(APP.port(), call.path(), token)
                            : api.send(call.method(), call.path(), call.body(), token);
                    assertThat(reply.status()).as("%s %s as %s: %s", call.method(), call.path(), caller, reply)
                            .isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(reply.json().path("error").path("code").asText()).isNotBlank();
                    }
                }));
            }
        });
        return tests.stream();
    }

    private static Session freshLogin(Api api, String email, String password) {
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        var json = login.json();
        return new Session(api, UUID.fromString(json.path("user").path("id").asText()), email, password,
                json.path("accessToken").asText(), json.path("refreshToken").asText(), null);
    }

    private static void collect(Resource resource, String prefix, TreeSet<String> into) {
        String path = (prefix + "/" + (resource.getPath() == null ? "" : resource.getPath())).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (ResourceMethod method : resource.getResourceMethods()) {
            into.add(method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    private static final AtomicInteger SLOTS = new AtomicInteger();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A distinct one-hour slot at dealer north for every call: weekdays, 08:00-17:00 local. */
    static String nextSlot() {
        int n = SLOTS.getAndIncrement();
        LocalDate day = LocalDate.now(BERLIN).plusDays(2);
        int weekdays = n / 9;
        while (true) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                if (weekdays == 0) {
                    break;
                }
                weekdays--;
            }
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(8 + n % 9, 0)).atZone(BERLIN).toInstant().toString();
    }

    /** A fresh owner with a vehicle, a booked appointment, and an API key made by the admin. */
    private static final class World {
        final Session owner;
        final UUID vehicleId;
        final String appointmentId;
        private final Api api;
        private final Accounts accounts;

        private World(Api api, Accounts accounts, Session owner, UUID vehicleId, String appointmentId) {
            this.api = api;
            this.accounts = accounts;
            this.owner = owner;
            this.vehicleId = vehicleId;
            this.appointmentId = appointmentId;
        }

        static World create(Api api, Accounts accounts) {
            Session owner = accounts.aCustomer().register();
            UUID vehicle = owner.aVehicle().create();
            Map<String, Object> booking = new HashMap<>(Map.of("vehicleId", vehicle.toString(),
                    "serviceType", "oil_change", "dealer", "north", "startsAt", nextSlot()));
            Api.Reply booked = api.post("/api/v1/appointments", booking, owner.accessToken());
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            return new World(api, accounts, owner, vehicle, booked.field("id"));
        }

        /** The owner's conversation (one answered "hello"): its id and the answer's message id. */
        String[] conversation() {
            Api.Reply reply = api.post("/api/v1/chat", Map.of("message", "hello"), owner.accessToken());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            return new String[] {reply.field("sessionId"), reply.field("messageId")};
        }

        /** An open handoff of the owner's conversation (the owner asked for a person). */
        String handoffId() {
            Api.Reply reply = api.post("/api/v1/chat", Map.of("message", "I want to talk to a human"), owner.accessToken());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            String session = reply.field("sessionId");
            Api.Reply open = api.get("/api/v1/handoffs?status=open&limit=100", accounts.anAgent().accessToken());
            for (var item : open.json().path("items")) {
                if (item.path("conversationId").asText().equals(session)) {
                    return item.path("id").asText();
                }
            }
            throw new AssertionError("no open handoff for " + session);
        }

        String apiKeyId() {
            Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "to revoke"),
                    accounts.admin().accessToken());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().path("apiKey").path("id").asText();
        }

        /** A key or user ({@code subject} keys or users) with limits set by an administrator. */
        String limited(String subject, String id) {
            Api.Reply put = api.send("PUT", "/api/v1/llm/" + subject + "/" + id + "/limits",
                    Map.of("dailyBudgetUsd", 5), accounts.admin().accessToken());
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            return id;
        }
    }
}
