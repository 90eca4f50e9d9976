package com.genaiauto.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.ProbeResourcesApplication;
import com.genaiauto.testing.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

@DisplayName("Every error has the one JSON shape, a request id and no internals")
class ErrorShapeIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.of(ProbeResourcesApplication.class);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    @DisplayName("status codes")
    class StatusCodes {

        @Test
        void shouldAnswerUnknownRouteWith404() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/no-such-thing", null, null);
            assertErrorShape(response, 404, "not_found");
        }

        @Test
        void shouldAnswerWrongMethodWith405AndAllowHeader() throws Exception {
            HttpResponse<String> response = send("DELETE", "/health", null, null);
            assertErrorShape(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        }

        @Test
        void shouldAnswerInvalidBodyWith422NamingEachField() throws Exception {
            HttpResponse<String> response = send("POST", "/test-probes/bookings", "{\"vin\":\"\",\"slot\":99}", null);
            JsonNode error = assertErrorShape(response, 422, "validation_failed");
            assertThat(error.path("details").path("fields").findValuesAsText("field")).containsExactly("slot", "vin");
        }

        @Test
        void shouldAnswerInvalidQueryParameterWith422() throws Exception {
            HttpResponse<String> response = send("GET", "/test-probes/page?limit=1000", null, null);
            JsonNode error = assertErrorShape(response, 422, "validation_failed");
            assertThat(error.path("details").path("fields").get(0).path("message").asText()).contains("limit");
        }

        @Test
        void shouldAnswerMissingBodyWith422() throws Exception {
            HttpResponse<String> response = send("POST", "/test-probes/bookings", "", null);
            assertErrorShape(response, 422, "validation_failed");
        }

        @Test
        void shouldAnswerWrongFieldTypeWith422() throws Exception {
            HttpResponse<String> response = send("POST", "/test-probes/bookings", "{\"vin\":\"X\",\"slot\":\"soon\"}", null);
            JsonNode error = assertErrorShape(response, 422, "validation_failed");
            assertThat(error.path("details").path("field").asText()).isEqualTo("slot");
        }

        @Test
        void shouldAnswerMalformedJsonWith400WithoutEchoingIt() throws Exception {
            HttpResponse<String> response = send("POST", "/test-probes/bookings", "{\"vin\": SECRET-TOKEN", null);
            assertErrorShape(response, 400, "malformed_json");
            assertThat(response.body()).doesNotContain("SECRET-TOKEN");
        }

        @Test
        void shouldAnswerDomainConflictWith409AndDetails() throws Exception {
            HttpResponse<String> response = send("GET", "/test-probes/conflict", null, null);
            JsonNode error = assertErrorShape(response, 409, "conflict");
            assertThat(error.path("message").asText()).isEqualTo("That slot is already booked.");
            assertThat(error.path("details").path("slot").asText()).isEqualTo("2026-12-01T09:00Z");
        }

        @Test
        void shouldAnswerRateLimitWith429AndRetryAfter() throws Exception {
            HttpResponse<String> response = send("GET", "/test-probes/slow-down", null, null);
            assertErrorShape(response, 429, "rate_limited");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        }

        @Test
        void shouldAnswerUnexpectedExceptionWith500WithoutInternals() throws Exception {
            HttpResponse<String> response = send("GET", "/test-probes/boom", null, null);
            assertErrorShape(response, 500, "internal_error");
            assertThat(response.body()).doesNotContain("SELECT", "internal_table", "Exception", "at com.");
        }

        @Test
        void shouldAnswerUnsupportedMediaTypeWith415() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/test-probes/bookings"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertErrorShape(response, 415, "unsupported_media_type");
        }
    }

    @Nested
    @DisplayName("errors Jetty raises before any resource")
    class ProtocolErrors {

        @Test
        void shouldAnswerAMalformedUriInTheErrorShape() throws Exception {
            String response = raw("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertRawErrorShape(response, 400, "invalid_request");
        }

        @Test
        void shouldAnswerOversizedHeadersInTheErrorShape() throws Exception {
            String response = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\nConnection: close\r\n\r\n");
            assertRawErrorShape(response, 431, "headers_too_large");
        }

        private void assertRawErrorShape(String response, int status, String code) throws IOException {
            assertThat(response).startsWith("HTTP/1.1 " + status);
            String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).contains("content-type: application/json", "x-request-id: ");
            JsonNode error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("requestId").asText()).isNotBlank();
            assertThat(response).doesNotContain("<html");
        }

        private String raw(String request) throws IOException {
            try (java.net.Socket socket = new java.net.Socket("localhost", APP.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Nested
    @DisplayName("request ids and timing")
    class RequestIds {

        @Test
        void shouldEchoTheClientsRequestId() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/nothing-here", null, "client-id-123");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-id-123");
            assertThat(JSON.readTree(response.body()).path("error").path("requestId").asText()).isEqualTo("client-id-123");
        }

        @Test
        void shouldReplaceAnUnsafeRequestIdWithAFreshOne() throws Exception {
            HttpResponse<String> response = send("GET", "/health/live", null, "bad id\twith spaces");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                    assertThat(id).matches("[0-9a-f-]{36}"));
        }

        @Test
        void shouldGenerateARequestIdAndTimeOnEverySuccess() throws Exception {
            HttpResponse<String> first = send("GET", "/health/live", null, null);
            HttpResponse<String> second = send("GET", "/health/live", null, null);
            assertThat(first.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(first.headers().firstValue("X-Request-Id")).isNotEqualTo(second.headers().firstValue("X-Request-Id"));
            assertThat(first.headers().firstValue("X-Response-Time")).hasValueSatisfying(t -> assertThat(t).matches("\\d+\\.\\dms"));
        }

        @Test
        void shouldPutTheRequestIdInLogLinesWrittenDuringTheRequest() throws Exception {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            root.addAppender(captured);
            try {
                send("GET", "/test-probes/boom", null, "trace-me-42");
            } finally {
                root.detachAppender(captured);
            }
            List<ILoggingEvent> duringRequest = captured.list.stream()
                    .filter(event -> event.getLoggerName().contains("FailingResource")
                            || event.getLoggerName().contains("UnexpectedExceptionMapper"))
                    .toList();
            assertThat(duringRequest).hasSize(2)
                    .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "trace-me-42"));
        }
    }

    private static JsonNode assertErrorShape(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        JsonNode error = body.path("error");
        assertThat(error.fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "details", "requestId");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.headers().firstValue("X-Response-Time")).isPresent();
        assertThat(response.body()).doesNotContain("\tat ", "java.lang.");
        return error;
    }

    private static HttpResponse<String> send(String method, String path, String body, String requestId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + APP.port() + path);
    }
}
