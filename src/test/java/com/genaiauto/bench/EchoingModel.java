package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for a language model behind the OpenAI chat-completions wire format, for measuring
 * the assistant's mechanics with a model configured: it answers a question by repeating the first
 * reference passage it is given (the lines the assistant chose as answering), and declines to
 * route (an unreadable answer, so the offline router's decision stands). It is not a model and its
 * answers say nothing of a model's quality.
 */
final class EchoingModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(4);

    EchoingModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(workers);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String system = "";
            for (JsonNode message : request.path("messages")) {
                if ("system".equals(message.path("role").asText())) {
                    system = message.path("content").asText();
                }
            }
            String answer = system.contains("You route messages") ? "I would rather not say." : firstPassage(system);
            boolean stream = request.path("stream").asBoolean(false);
            byte[] body;
            if (stream) {
                StringBuilder events = new StringBuilder();
                for (String piece : answer.split("(?<= )")) {
                    events.append("data: ").append(JSON.writeValueAsString(Map.of("id", "echo", "object",
                            "chat.completion.chunk", "model", "echo", "choices", java.util.List.of(Map.of("index", 0,
                                    "delta", Map.of("content", piece)))))).append("\n\n");
                }
                events.append("data: ").append(JSON.writeValueAsString(Map.of("id", "echo", "object", "chat.completion.chunk",
                        "model", "echo", "choices", java.util.List.of(Map.of("index", 0, "delta", Map.of(),
                                "finish_reason", "stop")), "usage", Map.of("prompt_tokens", system.length() / 4,
                                "completion_tokens", answer.length() / 4, "total_tokens", (system.length() + answer.length()) / 4))))
                        .append("\n\ndata: [DONE]\n\n");
                body = events.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            } else {
                body = JSON.writeValueAsBytes(Map.of("id", "echo", "object", "chat.completion", "model", "echo",
                        "choices", java.util.List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", answer),
                                "finish_reason", "stop")), "usage", Map.of("prompt_tokens", system.length() / 4,
                                "completion_tokens", answer.length() / 4, "total_tokens", (system.length() + answer.length()) / 4)));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static String firstPassage(String system) {
        int start = system.indexOf("[1] ");
        if (start < 0) {
            return "The manuals do not cover this.";
        }
        int colon = system.indexOf(": ", start);
        int end = system.indexOf("\n[2] ", start);
        return system.substring(colon + 2, end < 0 ? system.length() : end).strip();
    }

    @Override
    public void close() {
        server.stop(0);
        // The server does not stop the executor it was given; its threads would keep the JVM alive.
        workers.shutdownNow();
    }
}
