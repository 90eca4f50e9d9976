package com.genaiauto.llm.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.ToolCall;
import com.genaiauto.llm.model.ToolDefinition;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers to deterministic requests, in Redis under the hash of the normalised request, for
 * CACHE_TTL seconds. Redis being down means no cache, never an error.
 */
public final class ResponseCache {

    public static final String KEY_PREFIX = "genai:llm:response:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnector redis;
    private final boolean enabled;
    private final long ttlSeconds;
    private final Consumer<String> operations;

    public ResponseCache(RedisConnector redis, boolean enabled, long ttlSeconds, Consumer<String> operations) {
        this.redis = redis;
        this.enabled = enabled && ttlSeconds > 0;
        this.ttlSeconds = ttlSeconds;
        this.operations = operations;
    }

    public boolean applies(ChatRequest request) {
        return enabled && request.isDeterministic();
    }

    /** The cache key of a request, hashed once per call; empty when the request is not cacheable. */
    public Optional<String> keyFor(ChatRequest request) {
        return applies(request) ? Optional.of(key(request)) : Optional.empty();
    }

    public Optional<ChatResponse> get(String key) {
        Optional<ChatResponse> hit = redis.connection().flatMap(connection -> {
            try {
                String value = connection.sync().get(key);
                return value == null ? Optional.empty() : Optional.of(JSON.readValue(value, ChatResponse.class));
            } catch (RuntimeException | JsonProcessingException e) {
                operations.accept("error");
                return Optional.empty();
            }
        });
        operations.accept(hit.isPresent() ? "hit" : "miss");
        return hit.map(ChatResponse::asCached);
    }

    public void put(String key, ChatResponse response) {
        if (response.degraded() || response.cached()) {
            return;
        }
        redis.connection().ifPresent(connection -> {
            try {
                connection.async().setex(key, ttlSeconds, JSON.writeValueAsString(response));
                operations.accept("set");
            } catch (RuntimeException | JsonProcessingException e) {
                operations.accept("error");
            }
        });
    }

    /** Removes every cached answer; returns how many. */
    public long flush() {
        return redis.connection().map(connection -> RedisKeys.deleteByPrefix(connection, KEY_PREFIX)).orElse(0L);
    }

    static String key(ChatRequest request) {
        ObjectNode normalised = JSON.createObjectNode();
        normalised.put("model", request.model() == null ? "" : request.model().trim());
        normalised.put("profile", request.profile().wireName());
        normalised.put("temperature", request.temperature());
        normalised.put("maxTokens", request.maxTokens());
        var messages = normalised.putArray("messages");
        for (ChatMessage message : request.messages()) {
            var node = messages.addObject().put("role", message.role())
                    .put("content", message.content() == null ? null : message.content().strip());
            for (ToolCall call : message.toolCalls()) {
                node.withArray("toolCalls").addObject().put("name", call.name()).put("arguments", call.argumentsJson());
            }
            if (message.toolCallId() != null) {
                node.put("toolCallId", message.toolCallId());
            }
        }
        var tools = normalised.putArray("tools");
        for (ToolDefinition tool : request.tools()) {
            tools.addObject().put("name", tool.name()).put("description", tool.description())
                    .set("parameters", tool.parameters());
        }
        var context = normalised.putArray("context");
        for (ContextPassage passage : request.context()) {
            context.addObject().put("title", passage.title()).put("source", passage.source()).put("text", passage.text());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalised.toString().getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
