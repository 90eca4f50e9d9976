package com.genaiauto.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.RunningApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API documentation page ({@code GET /docs}, Swagger UI from its webjar) in a real headless
 * Chromium ({@code src/test/js/docs-page.mjs}): it renders the operations of {@code /openapi.json},
 * opens one with its schemas, breaks no content security policy rule and fetches nothing from
 * another origin. The screenshot goes to {@code <build.dir>/docs-screenshots}, or to
 * {@code -Ddocs.screenshots=docs/screenshots} to refresh the one the README shows.
 */
@DisplayName("API documentation page in headless Chromium")
class DocsPageIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final Path SCRIPT = Paths.get("src", "test", "js", "docs-page.mjs").toAbsolutePath();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("serves the page and its assets from this origin, uncached, with the pages' policy")
    void shouldServeThePageAndItsAssets() throws Exception {
        for (Map.Entry<String, String> asset : Map.of(
                "/docs", "text/html",
                "/docs/docs.js", "text/javascript",
                "/docs/docs.css", "text/css",
                "/docs/swagger-ui-bundle.js", "text/javascript",
                "/docs/swagger-ui.css", "text/css").entrySet()) {
            HttpResponse<String> response = get(asset.getKey());
            assertThat(response.statusCode()).as(asset.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(asset.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith(asset.getValue()).contains("charset=utf-8"));
            assertThat(response.headers().firstValue("Cache-Control")).as(asset.getKey()).hasValue("no-cache");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(asset.getKey())
                    .hasValue(com.genaiauto.platform.web.StaticFiles.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(get("/docs/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/docs/DocsPageResource.class").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("loads no script from elsewhere and no inline script")
    void shouldLoadNothingFromElsewhere() throws Exception {
        String html = get("/docs").body();
        assertThat(html).doesNotContainPattern(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//"))
                .doesNotContainPattern(Pattern.compile("(?i)<script(?![^>]*\\bsrc=)[^>]*>"))
                .doesNotContainPattern(Pattern.compile("(?i)\\sstyle\\s*=|<style"))
                .doesNotContainPattern(Pattern.compile("(?i)\\son[a-z]+\\s*="));
        assertThat(get("/docs/docs.js").body()).contains("validatorUrl: null").doesNotContainPattern("https?://");
    }

    @Test
    @DisplayName("renders the operations in Chromium without policy violations or requests elsewhere")
    void shouldRenderTheOperationsInChromium() throws Exception {
        Path shots = screenshotDirectory();
        int exit = runScript(List.of("node", SCRIPT.toString(), "http://127.0.0.1:" + APP.port(), shots.toString()));
        assertThat(exit).as("node docs-page.mjs exit code (its output is above)").isZero();
        assertThat(shots.resolve("api-docs.png")).as("screenshot").isNotEmptyFile();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path screenshotDirectory() throws IOException {
        String chosen = System.getProperty("docs.screenshots");
        Path directory = chosen == null || chosen.isBlank()
                ? Paths.get(System.getProperty("build.dir", "target"), "docs-screenshots")
                : Paths.get(chosen);
        return Files.createDirectories(directory.toAbsolutePath());
    }

    /** Runs the browser script, its output streamed line by line into the test log. */
    private static int runScript(List<String> command) throws IOException, InterruptedException {
        assertThat(SCRIPT.getParent().resolve("node_modules").resolve("playwright-core"))
                .as("playwright-core is installed (npm ci --prefix src/test/js, as scripts/provision does)").isDirectory();
        assertThat(Paths.get("/usr/bin/chromium")).as("Debian's chromium (scripts/provision installs it)").isExecutable();
        Process process = new ProcessBuilder(command).directory(SCRIPT.getParent().toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "docs-page-output");
        pump.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docs-page.mjs did not finish within " + SCRIPT_TIMEOUT);
        }
        pump.join(5_000);
        return process.exitValue();
    }
}
