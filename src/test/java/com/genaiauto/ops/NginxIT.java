package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real nginx running nginx/nginx.conf in front of the running service, over TLS on loopback. */
@DisplayName("nginx reverse proxy")
class NginxIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    static final AtomicInteger CLIENTS = new AtomicInteger(1);

    static WebSocketEcho echo;
    static NginxProxy nginx;
    static HttpClient https;
    static HttpClient http;

    @BeforeAll
    static void startProxy() throws Exception {
        echo = WebSocketEcho.start();
        nginx = NginxProxy.render(APP.port(), echo.port());
        Processes.Result check = nginx.check();
        assertThat(check.succeeded()).as(check.toString()).isTrue();
        nginx.start();
        https = HttpClient.newBuilder().sslContext(nginx.trustingItsCertificate())
                .connectTimeout(Duration.ofSeconds(5)).build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopProxy() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    /** A distinct public client address per call site, so rate-limit buckets do not mix. */
    static String publicClient() {
        return "198.51.100." + CLIENTS.getAndIncrement();
    }

    static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + nginx.httpsPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        void shouldPassNginxTestWithoutWarnings() {
            Processes.Result check = nginx.check();
            assertThat(check.succeeded()).as(check.toString()).isTrue();
            assertThat(check.output()).contains("syntax is ok", "test is successful").doesNotContain("[warn]");
        }
    }

    @Nested
    @DisplayName("over HTTPS")
    class Proxying {

        @Test
        void shouldProxyToTheServiceOverHttp2WithSecurityHeaders() throws Exception {
            HttpResponse<String> health = send("GET", "/health", null, Map.of("X-Request-Id", "support-ticket-42",
                    "X-Forwarded-For", publicClient()));

            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(Api.JSON.readTree(health.body()).path("status").asText()).isEqualTo("healthy");
            assertThat(health.headers().firstValue("X-Request-Id")).contains("support-ticket-42");
            assertThat(health.headers().firstValue("Strict-Transport-Security")).get().asString().startsWith("max-age=");
            assertThat(health.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(health.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(health.headers().firstValue("Server")).contains("nginx");
        }

        @Test
        void shouldKeepTheServiceErrorShapeAndStatus() throws Exception {
            HttpResponse<String> me = send("GET", "/api/v1/auth/me", null, Map.of("X-Forwarded-For", publicClient()));

            assertThat(me.statusCode()).isEqualTo(401);
            assertThat(Api.JSON.readTree(me.body()).path("error").path("code").asText()).isNotBlank();
            assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
        }

        @Test
        void shouldRedirectPlainHttpToHttps() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nginx.httpPort() + "/api/v1/llm/status?verbose=1")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(301);
            assertThat(response.headers().firstValue("Location")).contains("https://127.0.0.1/api/v1/llm/status?verbose=1");
        }

        @Test
        void shouldAnswerTheContainerHealthCheckOverPlainHttp() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nginx.httpPort() + "/nginx-health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
        }
    }

    @Nested
    @DisplayName("WebSocket")
    class WebSockets {

        @Test
        void shouldUpgradeAndRelayFramesBothWays() throws Exception {
            List<String> received = new ArrayList<>();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            String client = publicClient();
            WebSocket socket = https.newWebSocketBuilder().header("X-Forwarded-For", client)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("wss://localhost:" + nginx.httpsPort() + "/ws/session-1"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            echoed.complete(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);

            socket.sendText("Is my brake fluid due?", true).get(5, TimeUnit.SECONDS);

            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("Is my brake fluid due?");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            Map<String, String> handshake = echo.handshakes().get(echo.handshakes().size() - 1);
            assertThat(handshake.get(":request-line")).startsWith("GET /ws/session-1 HTTP/1.1");
            assertThat(handshake.get("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(handshake.get("connection")).isEqualToIgnoringCase("upgrade");
            assertThat(handshake.get("x-forwarded-for")).isEqualTo(client);
            assertThat(handshake.get("x-forwarded-proto")).isEqualTo("https");
        }
    }

    @Nested
    @DisplayName("rate limits")
    class RateLimits {

        @Test
        void shouldAnswer429FromTheAuthZoneWithTheServiceErrorShape() throws Exception {
            String client = publicClient();
            // A new address each time: the service locks an address (known or not) after five
            // failures, and this is about nginx's limit per client, whatever the address.
            java.util.function.Supplier<String> login = () -> "{\"email\":\"" + Accounts.uniqueEmail("nobody")
                    + "\",\"password\":\"wrong-password-1\"}";
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> limited = null;
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = send("POST", "/api/v1/auth/login", login.get(),
                        Map.of("X-Forwarded-For", client));
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    limited = response;
                }
            }

            // 10 per minute with a burst of 5: the first six reach the service, then nginx answers
            // (one more may pass on a slow machine if six seconds went by, refilling the bucket).
            assertThat(statuses.subList(0, 6)).as("%s", statuses).allMatch(status -> status == 401);
            assertThat(statuses.subList(6, 10)).as("%s", statuses).allMatch(status -> status == 401 || status == 429)
                    .filteredOn(status -> status == 429).hasSizeGreaterThanOrEqualTo(3);
            JsonNode error = Api.JSON.readTree(limited.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limited");
            assertThat(error.path("requestId").asText()).isNotBlank();
            assertThat(limited.headers().firstValue("Retry-After")).contains("60");
            assertThat(limited.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");

            // Another client is not affected, and the general API zone is far more generous.
            assertThat(send("POST", "/api/v1/auth/login", login.get(), Map.of("X-Forwarded-For", publicClient())).statusCode())
                    .isEqualTo(401);
            for (int i = 0; i < 10; i++) {
                assertThat(send("GET", "/health/live", null, Map.of("X-Forwarded-For", client)).statusCode()).isEqualTo(200);
            }
        }
    }

    @Nested
    @DisplayName("metrics endpoint")
    class Metrics {

        @Test
        void shouldServeMetricsToPrivateNetworks() throws Exception {
            for (String scraper : List.of("10.20.30.40", "172.20.0.5", "192.168.1.7")) {
                HttpResponse<String> metrics = send("GET", "/api/v1/metrics", null, Map.of("X-Forwarded-For", scraper));
                assertThat(metrics.statusCode()).as(scraper).isEqualTo(200);
                assertThat(metrics.body()).contains("# TYPE request_latency_seconds summary");
            }
        }

        @Test
        void shouldRefuseMetricsToPublicAddresses() throws Exception {
            for (String outsider : List.of("203.0.113.9", "172.32.0.1", "8.8.8.8")) {
                HttpResponse<String> metrics = send("GET", "/api/v1/metrics", null, Map.of("X-Forwarded-For", outsider));
                assertThat(metrics.statusCode()).as(outsider).isEqualTo(403);
                assertThat(Api.JSON.readTree(metrics.body()).path("error").path("code").asText()).isEqualTo("forbidden");
                assertThat(metrics.body()).doesNotContain("# TYPE");
            }
        }
    }
}
