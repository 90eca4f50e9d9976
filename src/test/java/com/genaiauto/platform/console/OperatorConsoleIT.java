package com.genaiauto.platform.console;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.BrowserScript;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator console in a real headless Chromium (Debian's {@code chromium}, driven by
 * {@code src/test/js/operator-console.mjs} through playwright-core) against the whole application,
 * its model provider faked by a real HTTP server that answers in OpenAI's wire format with token
 * usage, so a gateway call has a cost. The screenshots go to {@code <build.dir>/admin-screenshots},
 * or to {@code -Dadmin.screenshots=docs/screenshots} to refresh the ones the README shows.
 */
@DisplayName("Operator console")
class OperatorConsoleIT {

    static final WireMockServer PROVIDER = FakeProviders.start();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(FakeProviders.pointedAt(PROVIDER));

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(12);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> FILES = List.of("console.js", "console.css", "dom.js", "keys.js", "spend.js",
            "chart.js", "providers.js", "knowledge.js", "evaluations.js");

    @BeforeAll
    static void seedTheManualsAndAnswerEveryCall() {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 100, 25))));
        APP.task("kb-seed", "");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Nested
    @DisplayName("the page")
    class ThePage {

        @Test
        void shouldServeThePageAndItsFilesWithAStrictPolicyAndNoCaching() throws Exception {
            assertPageHeaders("/admin", "text/html");
            for (String file : FILES) {
                assertPageHeaders("/admin/" + file, file.endsWith(".css") ? "text/css" : "text/javascript");
            }
            // No sign-in needed, and a stray Accept header still gets the page.
            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(uri("/admin")).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(get("/admin/nothing-here.js").statusCode()).isEqualTo(404);
            assertThat(get("/admin/OperatorConsolePage.class").statusCode()).isEqualTo(404);
            // Jetty refuses an encoded slash before any page sees it.
            assertThat(get("/admin/..%2Fconfig.yml").statusCode()).isEqualTo(400);
        }

        private void assertPageHeaders(String path, String type) throws Exception {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith(type).contains("charset=utf-8"));
            assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue("default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.body()).as(path).isNotBlank();
        }

        @Test
        void shouldCarryNoSecretsAndLoadNothingFromElsewhere() throws Exception {
            String html = get("/admin").body();
            StringBuilder everything = new StringBuilder(html);
            for (String file : FILES) {
                everything.append(get("/admin/" + file).body());
            }
            assertThat(everything.toString())
                    .doesNotContainPattern(Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")) // a JWT
                    .doesNotContainPattern(Pattern.compile("\\bgak_[A-Za-z0-9_-]{8,}")) // a gateway key
                    .doesNotContainPattern(Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}")) // provider API keys
                    .doesNotContain(APP.support().getConfiguration().getAuth().jwtSecretKey())
                    .doesNotContain(Accounts.ADMIN_PASSWORD)
                    .doesNotContain("localStorage.", "sessionStorage.", "document.cookie", "indexedDB.", "innerHTML");
            // Offline: no CDN, no inline script or style the policy would refuse.
            assertThat(html).doesNotContainPattern(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//"))
                    .doesNotContainPattern(Pattern.compile("(?i)<script(?![^>]*\\bsrc=)[^>]*>"))
                    .doesNotContainPattern(Pattern.compile("(?i)\\sstyle\\s*=|<style"))
                    .doesNotContainPattern(Pattern.compile("(?i)\\son[a-z]+\\s*="));
            assertThat(everything.toString().replace("http://www.w3.org/2000/svg", "")).doesNotContainPattern("https?://");
        }
    }

    @Nested
    @DisplayName("in Chromium")
    class InChromium {

        @Test
        void shouldLetAnOperatorManageKeysSpendProvidersDocumentsAndEvaluations() throws Exception {
            Api api = APP.api();
            Accounts accounts = new Accounts(api);
            Session agent = accounts.anAgent();
            Path manual = aManual();
            Path shots = BrowserScript.screenshots("admin.screenshots", "admin-screenshots");

            int exit = BrowserScript.run("operator-console.mjs", List.of("http://127.0.0.1:" + APP.port(),
                    Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD, shots.toString(), manual.toString(), agent.email(),
                    Accounts.PASSWORD), SCRIPT_TIMEOUT);
            assertThat(exit).as("node operator-console.mjs exit code (its output is above)").isZero();
            for (String name : List.of("admin-keys.png", "admin-spend.png", "admin-knowledge.png", "admin-evaluations.png")) {
                assertThat(shots.resolve(name)).as("screenshot").isNotEmptyFile();
            }

            // What the operator did in the browser really happened, and the switches were put back.
            String admin = accounts.admin().accessToken();
            var keys = api.get("/api/v1/auth/api-keys?limit=100", admin).json().path("items");
            var created = java.util.stream.StreamSupport.stream(keys.spliterator(), false)
                    .filter(key -> key.path("name").asText().equals("Fleet telematics app")).toList();
            assertThat(created).hasSize(1);
            String keyId = created.get(0).path("id").asText();
            assertThat(created.get(0).path("revokedAt").isNull()).isFalse();
            Api.Reply limits = api.get("/api/v1/llm/keys/" + keyId + "/limits", admin);
            assertThat(limits.status()).isEqualTo(200);
            assertThat(limits.json().path("dailyBudgetUsd").asDouble()).isEqualTo(5.0);
            assertThat(limits.json().path("overBudget").asText()).isEqualTo("downgrade");
            String owner = created.get(0).path("ownerUserId").asText();
            assertThat(owner).isEqualTo(agent.userId().toString());
            Api.Reply ownerLimits = api.get("/api/v1/llm/users/" + owner + "/limits", admin);
            assertThat(ownerLimits.status()).isEqualTo(200);
            assertThat(ownerLimits.json().path("monthlyBudgetUsd").asDouble()).isEqualTo(50.0);
            assertThat(ownerLimits.json().path("dailyBudgetUsd").isNull()).isTrue();
            var openrouter = api.get("/api/v1/llm/status", admin).json().path("providers").get(0);
            assertThat(openrouter.path("name").asText()).isEqualTo("openrouter");
            assertThat(openrouter.path("enabled").asBoolean()).isTrue();
            assertThat(openrouter.path("circuit").asText()).isEqualTo("closed");
            assertThat(APP.database().count("SELECT count(*) FROM audit_log WHERE action IN ('llm.provider_disabled',"
                    + " 'llm.provider_enabled', 'llm.circuit_open', 'llm.circuit_reset') AND actor_user_id IS NOT NULL"))
                    .isEqualTo(4);
            Api.Reply documents = api.get("/api/v1/documents?model=Volta&limit=100", admin);
            assertThat(documents.json().path("items").toString()).contains("Kestrel Volta owner's manual (test)");
        }
    }

    /** A manual of a few hundred passages, so its ingestion takes long enough to show progress. */
    private static Path aManual() throws IOException {
        StringBuilder text = new StringBuilder("# Kestrel Volta owner's manual\n\n");
        String[] topics = {"Charging at home", "Tyre pressures", "Warning lights", "Wiper blades", "Cabin filter",
            "Brake fluid", "Twelve-volt battery", "Towing", "Software updates", "Key fob battery"};
        for (int chapter = 1; chapter <= 40; chapter++) {
            String topic = topics[chapter % topics.length];
            text.append("## ").append(chapter).append(". ").append(topic).append("\n\n");
            for (int paragraph = 1; paragraph <= 6; paragraph++) {
                text.append("Section ").append(chapter).append('.').append(paragraph).append(" on ")
                        .append(topic.toLowerCase(java.util.Locale.ROOT))
                        .append(": check the item at every service interval, follow the steps in order, and ask"
                                + " a dealer when a warning stays on after the check. Write down the mileage and the"
                                + " date of the check in the service booklet so the next visit can compare.\n\n");
            }
        }
        Path folder = Files.createTempDirectory("operator-console-");
        folder.toFile().deleteOnExit();
        Path file = Files.writeString(folder.resolve("kestrel-volta-owners-manual.md"), text, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + APP.port() + path);
    }
}
