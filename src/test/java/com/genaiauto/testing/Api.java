package com.genaiauto.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for the API under test, as a mobile app or web page would call it. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final HttpClient http;

    public Api(int port) {
        this("http://localhost:" + port, HTTP);
    }

    /** Through a proxy, e.g. {@code https://127.0.0.1:8443} with a client trusting its certificate. */
    public Api(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Reply post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public Reply patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    public Reply send(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (body != null) {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return execute(request, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with a body of any type (file uploads, multipart forms). */
    public Reply sendBytes(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return execute(request, token);
    }

    private Reply execute(HttpRequest.Builder request, String token) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpRequest built = request.build();
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException staleConnection) {
                // The JDK client may reuse a keep-alive connection the server has just closed (after
                // an early 401 on a request with a body); such a request never reached the server.
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            }
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode body(Map<String, ?> fields) {
        return JSON.valueToTree(fields);
    }

    /** A response: status, raw body and parsed JSON. */
    public record Reply(int status, String text, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text, e);
            }
        }

        public String field(String name) {
            return json().path(name).asText();
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
