package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.BrowserScript;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Vins;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat page in a real headless Chromium (Debian's {@code chromium}, driven by
 * {@code src/test/js/chat-page.mjs} through playwright-core) against the whole application:
 * an owner with a vehicle signs in, gets a streamed, cited answer from the demo manuals, books an
 * oil change through the chat, asks for a person and sees a support agent's reply arrive over the
 * WebSocket, and the token never leaves the page's memory. The screenshots go to
 * {@code <build.dir>/chat-screenshots}, or to {@code -Dchat.screenshots=docs/screenshots} to
 * refresh the ones the README shows.
 */
@DisplayName("Chat page in headless Chromium")
class ChatPageIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void seedTheManuals() {
        APP.task("kb-seed", "");
    }

    @Test
    void servesThePageAndItsAssetsWithAStrictPolicyAndNoCaching() throws Exception {
        for (Map.Entry<String, String> asset : Map.of(
                "/chat", "text/html; charset=utf-8",
                "/chat/chat.js", "text/javascript; charset=utf-8",
                "/chat/chat.css", "text/css; charset=utf-8",
                "/assets/session.js", "text/javascript; charset=utf-8",
                "/assets/page.css", "text/css; charset=utf-8",
                "/assets/icon.svg", "image/svg+xml",
                "/assets/marked.esm.js", "text/javascript; charset=utf-8",
                "/chat/messages.js", "text/javascript; charset=utf-8",
                "/favicon.ico", "image/x-icon").entrySet()) {
            HttpResponse<String> response = get(asset.getKey());
            assertThat(response.statusCode()).as(asset.getKey()).isEqualTo(200);
            // Jetty writes the charset without the space.
            assertThat(response.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")))
                    .as(asset.getKey()).hasValue(asset.getValue().replace(" ", ""));
            assertThat(response.headers().firstValue("Referrer-Policy")).as(asset.getKey()).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).as(asset.getKey()).hasValue("no-cache");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(asset.getKey())
                    .hasValue("default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.body()).isNotBlank();
        }
        // No sign-in needed, and a stray Accept header still gets the page.
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri("/chat")).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        for (String missing : List.of("/chat/nothing-here.js", "/assets/nothing-here.css", "/assets/config.yml",
                "/assets/GenAiAutoApplication.class", "/assets/.hidden", "/chat/index.yml")) {
            HttpResponse<String> response = get(missing);
            assertThat(response.statusCode()).as(missing).isEqualTo(404);
            assertThat(response.body()).as(missing).contains("\"code\":\"not_found\"");
        }
        // An encoded slash never reaches the page: the server refuses the ambiguous path.
        for (String climbing : List.of("/assets/..%2Fconfig.yml", "/chat/..%2F..%2Fconfig.yml")) {
            HttpResponse<String> response = get(climbing);
            assertThat(response.statusCode()).as(climbing).isEqualTo(400);
            assertThat(response.body()).as(climbing).doesNotContain("registerDefaultExceptionMappers");
        }
        // A browser's copy is revalidated, not downloaded again.
        HttpResponse<String> first = get("/assets/session.js");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/assets/session.js"))
                .header("If-None-Match", tag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void servesARealIconAndLinksItFromThePage() throws Exception {
        HttpResponse<byte[]> icon = HTTP.send(HttpRequest.newBuilder(uri("/favicon.ico")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] ico = icon.body();
        // ICONDIR: reserved 0, type 1 (icon), at least one image.
        assertThat(new byte[] {ico[0], ico[1], ico[2], ico[3]}).containsExactly(0, 0, 1, 0);
        assertThat(ico[4] & 0xff).isGreaterThanOrEqualTo(1);
        assertThat(get("/chat").body()).contains("<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">");
    }

    @Test
    void thePageCarriesNoSecretsAndLoadsNothingFromElsewhere() throws Exception {
        String html = get("/chat").body();
        StringBuilder files = new StringBuilder(html);
        for (String file : List.of("/chat/chat.js", "/chat/account.js", "/chat/messages.js", "/chat/live.js",
                "/chat/chat.css", "/assets/session.js", "/assets/markdown.js", "/assets/page.css", "/assets/icon.svg")) {
            files.append(get(file).body());
        }
        String everything = files.toString();
        assertThat(everything)
                .doesNotContainPattern(Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")) // a JWT
                .doesNotContainPattern(Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._-]{16,}"))
                .doesNotContainPattern(Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}")) // provider API keys
                .doesNotContainPattern(Pattern.compile("(?i)(api[_-]?key|secret|password)\\s*[:=]\\s*['\"][^'\"]{6,}"))
                .doesNotContain(APP.support().getConfiguration().getAuth().jwtSecretKey())
                .doesNotContain(Accounts.ADMIN_PASSWORD)
                // The access token lives in a variable, the refresh token in an HttpOnly cookie: no web storage.
                .doesNotContain("localStorage.", "sessionStorage.", "document.cookie", "indexedDB.");
        // Offline: no CDN, no inline script or style the policy would refuse.
        assertThat(html).doesNotContainPattern(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//"))
                .doesNotContainPattern(Pattern.compile("(?i)<script(?![^>]*\\bsrc=)[^>]*>"))
                .doesNotContainPattern(Pattern.compile("(?i)\\sstyle\\s*=|<style"))
                .doesNotContainPattern(Pattern.compile("(?i)\\son[a-z]+\\s*="));
        assertThat(everything.replace("http://www.w3.org/2000/svg", "")).doesNotContainPattern("https?://");
    }

    @Test
    void anOwnerSignsInAsksBooksAndStartsFromALinkInChromium() throws Exception {
        Api api = APP.api();
        Accounts accounts = new Accounts(api);
        Session owner = accounts.aCustomer().register();
        Session agent = accounts.anAgent();
        Api.Reply vehicle = api.post("/api/v1/vehicles", Map.of("vin", Vins.random(), "make", "Kestrel",
                "model", "Volta", "modelYear", 2024, "powertrain", "electric", "mileageKm", 14_500), owner.accessToken());
        assertThat(vehicle.status()).as(vehicle.toString()).isEqualTo(201);

        Path shots = BrowserScript.screenshots("chat.screenshots", "chat-screenshots");
        int exit = BrowserScript.run("chat-page.mjs", List.of("http://127.0.0.1:" + APP.port(), owner.email(),
                owner.password(), shots.toString(), agent.email(), Accounts.PASSWORD), SCRIPT_TIMEOUT);
        assertThat(exit).as("node chat-page.mjs exit code (its output is above)").isZero();
        for (String name : List.of("chat-login.png", "chat-answer.png", "chat-booking.png", "chat-handoff.png")) {
            assertThat(shots.resolve(name)).as("screenshot").isNotEmptyFile();
        }

        // The booking made in the browser really exists, once.
        Api.Reply appointments = api.get("/api/v1/appointments", owner.accessToken());
        assertThat(appointments.status()).as(appointments.toString()).isEqualTo(200);
        assertThat(appointments.json().path("total").asInt()).as(appointments.toString()).isEqualTo(1);
    }

    @Test
    void anOwnerOnAPhoneRegistersReadsATableAnswerAndOpensItsCitation() throws Exception {
        Api api = APP.api();
        Session owner = new Accounts(api).aCustomer().register();
        Api.Reply vehicle = api.post("/api/v1/vehicles", Map.of("vin", Vins.random(), "make", "Kestrel",
                "model", "Volta", "modelYear", 2024, "powertrain", "electric", "mileageKm", 9_800), owner.accessToken());
        assertThat(vehicle.status()).as(vehicle.toString()).isEqualTo(201);

        Path shots = BrowserScript.screenshots("chat.screenshots", "chat-screenshots");
        int exit = BrowserScript.run("chat-phone.mjs", List.of("http://127.0.0.1:" + APP.port(), owner.email(),
                owner.password(), shots.toString()), SCRIPT_TIMEOUT);
        assertThat(exit).as("node chat-phone.mjs exit code (its output is above)").isZero();
        for (String name : List.of("chat-register.png", "chat-phone-table.png", "chat-phone-citation.png")) {
            assertThat(shots.resolve(name)).as("screenshot").isNotEmptyFile();
        }
    }

    @Test
    void keepsEachCitedPassageWithTheStoredAnswerForItsOwnerOnly() {
        Api api = APP.api();
        Accounts accounts = new Accounts(api);
        Session owner = accounts.aCustomer().register();
        Api.Reply answer = api.post("/api/v1/chat", Map.of("message", "What tyre pressure should a Kestrel Volta have?"),
                owner.accessToken());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        var sources = answer.json().path("sources");
        assertThat(sources.size()).as(answer.toString()).isGreaterThanOrEqualTo(1);
        String excerpt = sources.get(0).path("excerpt").asText();
        assertThat(excerpt).as("the first source's passage").contains("kPa").hasSizeLessThanOrEqualTo(1500);

        String conversation = "/api/v1/conversations/" + answer.field("sessionId");
        Api.Reply stored = api.get(conversation, owner.accessToken());
        assertThat(stored.json().path("messages").get(1).path("sources").get(0).path("excerpt").asText())
                .isEqualTo(excerpt);
        assertThat(api.get(conversation, accounts.aCustomer().register().accessToken()).status())
                .as("another owner").isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + APP.port() + path);
    }
}
