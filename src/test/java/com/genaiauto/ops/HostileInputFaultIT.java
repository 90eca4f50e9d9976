package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile bodies and text against the packaged jar on a small heap that exits on the first
 * OutOfMemoryError, as production runs it: the process must answer every request with a 4xx and
 * stay up.
 */
@DisplayName("Hostile input: oversized bodies and control characters")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputFaultIT {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();
    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    private static final long LIMIT = 256 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServedJar app;
    private Accounts accounts;

    @BeforeAll
    void start() throws IOException {
        app = ServedJar.start(DATABASE, REDIS, Map.of("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError"));
        accounts = new Accounts(app.api());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Nested
    @DisplayName("request bodies larger than a route takes")
    class Oversized {

        @Test
        void shouldRefuseADeclaredLengthOverTheLimitBeforeReadingTheBody() throws Exception {
            // Only the headers are sent: the answer must come without the server waiting for the body.
            try (Socket socket = new Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + 19 * 1024 * 1024 + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                        .matcher(head);
                assertThat(length.find()).as(head.toString()).isTrue();
                String body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);

                assertThat(head.toString()).startsWith("HTTP/1.1 413");
                assertThat(Api.JSON.readTree(body).path("error").path("code").asText()).isEqualTo("payload_too_large");
                assertThat(Api.JSON.readTree(body).path("error").path("details").path("limitBytes").asLong()).isEqualTo(LIMIT);
            }
        }

        @Test
        void shouldCutOffABodySentWithoutALengthWhereItPassesTheLimit() throws Exception {
            byte[] body = jsonWithString((int) LIMIT + 40_000);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(new Api.Reply(response.statusCode(), response.body(), response).errorCode())
                    .isEqualTo("payload_too_large");
        }

        @Test
        void shouldSurviveFortyConcurrentNineteenMegabyteBodies() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(40);
            try {
                List<Future<String>> sent = new ArrayList<>();
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                for (int i = 0; i < 40; i++) {
                    sent.add(pool.submit(() -> rawPost("/api/v1/auth/login", 19 * 1024 * 1024, chunk)));
                }
                List<String> statusLines = new ArrayList<>();
                for (Future<String> future : sent) {
                    statusLines.add(future.get());
                }
                // Each client either read the 413 or had its connection closed mid-upload: never a 5xx.
                assertThat(statusLines).allSatisfy(line -> assertThat(line).satisfiesAnyOf(
                        status -> assertThat(status).startsWith("HTTP/1.1 413"),
                        status -> assertThat(status).isEqualTo("closed")));
                assertThat(statusLines).anySatisfy(line -> assertThat(line).startsWith("HTTP/1.1 413"));
            } finally {
                pool.shutdownNow();
            }
            assertServiceUp();
        }

        @Test
        void shouldAnswerTwoHundredConcurrentMaximumSizeBodiesWithoutFailing() throws Exception {
            byte[] body = jsonWithString((int) LIMIT - 200);
            ExecutorService pool = Executors.newFixedThreadPool(200);
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    sent.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> future : sent) {
                    statuses.add(future.get());
                }
                // An e-mail address of 256 KiB is not one: every request is refused as invalid (the
                // jar runs with login rate limits far above 200, so none is refused as too many).
                assertThat(statuses).allSatisfy(status -> assertThat(status).isEqualTo(422));
            } finally {
                pool.shutdownNow();
            }
            assertServiceUp();
        }
    }

    @Nested
    @DisplayName("a NUL byte in text")
    class ControlCharacters {

        @Test
        void shouldRefuseItInEveryJsonBodyWith400() {
            Accounts.Session owner = accounts.aCustomer().register();
            Api api = app.api();
            List<Api.Reply> replies = List.of(
                    api.post("/api/v1/auth/login", Map.of("email", "nul\u0000@example.test", "password", "x"), null),
                    api.post("/api/v1/auth/register", Map.of("email", Accounts.uniqueEmail("nul"),
                            "password", Accounts.PASSWORD, "fullName", "Nul\u0000Byte"), null),
                    api.post("/api/v1/chat", Map.of("message", "tyre pressure\u0000"), owner.accessToken()),
                    api.post("/api/v1/vehicles", Map.of("vin", com.genaiauto.testing.Vins.random(), "make", "Aster",
                            "model", "Vo\u0000lt", "year", 2024, "powertrain", "electric"), owner.accessToken()),
                    api.patch("/api/v1/customers/" + owner.customerId(), Map.of("fullName", "A\u0000B"),
                            owner.accessToken()));

            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                assertThat(reply.errorCode()).isEqualTo("invalid_text");
            });
        }

        @Test
        void shouldRefuseItInAnIdempotencyKeyAQueryAndAFileName() {
            Accounts.Session owner = accounts.aCustomer().register();
            Api api = app.api();
            Api.Reply key = api.post("/api/v1/chat", Map.of("message", "tyre pressure", "idempotencyKey", "k\u0000"),
                    owner.accessToken());
            Api.Reply search = api.get("/api/v1/search?q=brake%00fluid", owner.accessToken());
            DocumentFixtures.Multipart form = DocumentFixtures.multipart("manual\u0000.md", "text/markdown",
                    "# Manual\n\nText.".getBytes(StandardCharsets.UTF_8));
            Api.Reply upload = api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(),
                    accounts.admin().accessToken());

            assertThat(List.of(key, search, upload)).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                assertThat(reply.errorCode()).isEqualTo("invalid_text");
            });
        }

        @Test
        void shouldDropItFromAnUploadedFilesText() {
            DocumentFixtures.Multipart form = DocumentFixtures.multipart("nul-manual.md", "text/markdown",
                    "# Wiper blades\n\nReplace the wiper\u0000 blades every 12 months.".getBytes(StandardCharsets.UTF_8));

            String admin = accounts.admin().accessToken();
            Api.Reply upload = app.api().sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);

            JsonNode job = Uploads.done(app.api(), admin, upload);
            assertThat(job.path("outcome").asText()).isEqualTo("created");
        }

        @Test
        void shouldLeaveNoErrorInTheLog() {
            assertThat(app.output()).doesNotContainPattern("(?m)^ERROR ").doesNotContain("Unhandled exception");
        }
    }

    @Nested
    @DisplayName("admin tasks posted from another site")
    class CrossSiteTasks {

        @Test
        void shouldRefuseAFormPostedFromAnotherOrigin() throws Exception {
            assertThat(task("Origin", "http://evil.example").statusCode()).isEqualTo(403);
            assertThat(task("Origin", "null").statusCode()).isEqualTo(403);
            assertThat(task("Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        }

        @Test
        void shouldRunTheTaskForCurlAndForItsOwnOrigin() throws Exception {
            HttpResponse<String> plain = task(null, null);
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).contains("removed");
            assertThat(task("Origin", "http://127.0.0.1:" + app.adminPort()).statusCode()).isEqualTo(200);
        }

        private HttpResponse<String> task(String header, String value) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.adminPort() + "/tasks/cache-flush"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("kind=all"));
            if (header != null) {
                request.header(header, value);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private void assertServiceUp() {
        assertThat(app.api().get("/health/ready", null).status()).isEqualTo(200);
        Api.Reply login = app.api().post("/api/v1/auth/login",
                Map.of("email", Accounts.ADMIN_EMAIL, "password", Accounts.ADMIN_PASSWORD), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static byte[] jsonWithString(int size) {
        StringBuilder json = new StringBuilder(size + 64).append("{\"email\":\"");
        json.append("a".repeat(Math.max(0, size - 40))).append("@x.test\",\"password\":\"p\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A declared-length upload written as fast as the server takes it; the status line, or "closed". */
    private String rawPost(String path, long length, byte[] chunk) {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n{\"email\":\"").getBytes(StandardCharsets.US_ASCII));
            try {
                for (long written = 0; written < length - 10; written += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByServer) {
                // The server answered and closed without reading: read what it said.
            }
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return head.isEmpty() ? "closed" : head;
        } catch (IOException reset) {
            return "closed";
        }
    }
}
