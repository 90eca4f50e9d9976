package com.genaiauto.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Talks to the chat endpoints as the web page does: JSON answers and SSE streams parsed into events. */
final class ChatClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Api api;
    private final int port;
    private final String token;

    ChatClient(Api api, int port, String token) {
        this.api = api;
        this.port = port;
        this.token = token;
    }

    JsonNode send(String message, UUID sessionId) {
        return send(message, sessionId, null);
    }

    JsonNode send(String message, UUID sessionId, UUID vehicleId) {
        Api.Reply reply = api.post("/api/v1/chat", body(message, sessionId, vehicleId, null), token);
        if (reply.status() != 200) {
            throw new AssertionError("chat answered " + reply.status() + ": " + reply.text());
        }
        return reply.json();
    }

    Api.Reply sendRaw(String message, UUID sessionId, String idempotencyKey) {
        return api.post("/api/v1/chat", body(message, sessionId, null, idempotencyKey), token);
    }

    /** The SSE events of one streamed answer, in order. */
    List<Event> stream(String message, UUID sessionId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/chat/stream"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body(message, sessionId, null, null))))
                    .build();
            HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("stream answered " + response.statusCode());
            }
            List<Event> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String type = null;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(type, Api.JSON.readTree(line.substring(6))));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> body(String message, UUID sessionId, UUID vehicleId, String key) {
        Map<String, Object> body = new HashMap<>(Map.of("message", message));
        if (sessionId != null) {
            body.put("sessionId", sessionId.toString());
        }
        if (vehicleId != null) {
            body.put("vehicleId", vehicleId.toString());
        }
        if (key != null) {
            body.put("idempotencyKey", key);
        }
        return body;
    }

    record Event(String type, JsonNode data) {
    }
}
