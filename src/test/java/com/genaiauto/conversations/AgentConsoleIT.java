package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.BrowserScript;
import com.genaiauto.testing.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The support console in a real headless Chromium ({@code src/test/js/agent-console.mjs}) beside
 * the owners' chat page, against the whole application: a handoff the owner raises in the chat page
 * appears in the agent's open console without a reload, the agent takes it over, reads the case,
 * replies, the owner sees the reply, and the agent resolves it. Screenshots go to
 * {@code <build.dir>/agent-screenshots}, or to {@code -Dagent.screenshots=docs/screenshots}.
 */
@DisplayName("Support console in headless Chromium")
class AgentConsoleIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    @BeforeAll
    static void seedTheManuals() {
        APP.task("kb-seed", "");
    }

    @Test
    void shouldServeThePageAndItsFilesPubliclyWithinTheStrictPolicy() throws Exception {
        // The headers themselves are WebPage's, checked with the chat page.
        for (String path : List.of("/agent", "/agent/agent.js", "/agent/agent.css")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue(POLICY);
        }
        assertThat(get("/agent/nothing-here.js").statusCode()).isEqualTo(404);
        String html = get("/agent").body();
        // Offline and within the policy: nothing from elsewhere, no inline script, style or handler.
        assertThat(html).contains("<script type=\"module\" src=\"/agent/agent.js\"></script>")
                .contains("/assets/page.css")
                .doesNotContainPattern(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//"))
                .doesNotContainPattern(Pattern.compile("(?i)<script(?![^>]*\\bsrc=)[^>]*>"))
                .doesNotContainPattern(Pattern.compile("(?i)\\sstyle\\s*=|<style"))
                .doesNotContainPattern(Pattern.compile("(?i)\\son[a-z]+\\s*="));
        assertThat(get("/agent/agent.js").body()).contains("from '/assets/session.js'")
                .doesNotContain("localStorage", "sessionStorage", "document.cookie");
    }

    @Test
    void shouldShowAHandoffLiveLetTheAgentTakeItOverReplyAndResolveWhileTheOwnerSeesTheReply() throws Exception {
        Api api = APP.api();
        Accounts accounts = new Accounts(api);
        Session owner = accounts.aCustomer().withFullName("Robin Example").register();
        UUID vehicle = owner.aVehicle().ofModel("Kestrel", "Volta", "electric").ofYear(2024).create();
        Api.Reply visit = api.post("/api/v1/vehicles/" + vehicle + "/service-history", Map.of("serviceDate", "2026-03-02",
                "serviceType", "annual inspection", "description", "Brake fluid replaced", "mileageKm", 11_000,
                "dealer", "north"), accounts.admin().accessToken());
        assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
        // Someone else's emergency is already waiting: it must stay above the new one.
        Session other = accounts.aCustomer().register();
        Api.Reply hazard = api.post("/api/v1/chat", Map.of("message",
                "pressing the brake pedal barely slows the car down any more"), other.accessToken());
        assertThat(hazard.json().path("handoff").asBoolean()).as(hazard.toString()).isTrue();
        Session agent = accounts.anAgent();

        Path shots = BrowserScript.screenshots("agent.screenshots", "agent-screenshots");
        int exit = BrowserScript.run("agent-console.mjs", List.of("http://127.0.0.1:" + APP.port(), owner.email(),
                owner.password(), agent.email(), Accounts.PASSWORD, shots.toString()), SCRIPT_TIMEOUT);
        assertThat(exit).as("node agent-console.mjs exit code (its output is above)").isZero();
        for (String name : List.of("agent-queue.png", "agent-conversation.png")) {
            assertThat(shots.resolve(name)).as("screenshot").isNotEmptyFile();
        }

        // What the browser did is what the service holds.
        JsonNode resolved = api.get("/api/v1/handoffs?status=resolved&limit=100", agent.accessToken()).json().path("items");
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).path("assignedAgentId").asText()).isEqualTo(agent.userId().toString());
        JsonNode messages = api.get("/api/v1/conversations/" + resolved.get(0).path("conversationId").asText(),
                owner.accessToken()).json().path("messages");
        assertThat(messages.findValuesAsText("role")).contains("agent");
        JsonNode handedBack = api.get("/api/v1/handoffs?status=cancelled&limit=100", agent.accessToken()).json().path("items");
        assertThat(handedBack).hasSize(1);
        assertThat(handedBack.get(0).path("reason").asText()).isEqualTo("safety");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
