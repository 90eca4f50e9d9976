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
import com.genaiauto.platform.batch.BatchWriter;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisKeys;
import io.dropwizard.lifecycle.Managed;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers to deterministic requests, in Redis under the hash of the normalised request, for
 * CACHE_TTL seconds. Redis being down means no cache, never an error.
 *
 * <p>Answers are stored by a background writer every {@value #WRITE_INTERVAL_MILLIS} ms rather than
 * by the request that got them: storing on the request's path (serialising, handing the command
 * to the Redis client's thread, Redis's own work on the same two cores) added more to the
 * gateway's latency than the lookup did. An answer is therefore found by identical requests
 * from a few milliseconds after it was given.
 */
public final class ResponseCache implements Managed {

    public static final String KEY_PREFIX = "genai:llm:response:";
    /** What {@code operations} hears. */
    public static final List<String> OPERATIONS = List.of("hit", "miss", "set", "error");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long WRITE_INTERVAL_MILLIS = 5;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    // Answers waiting to be stored; beyond this (Redis far behind) new ones are not cached.
    private static final int MAX_PENDING = 10_000;

    private final RedisConnector redis;
    private final boolean enabled;
    private final long ttlSeconds;
    private final Consumer<String> operations;
    private final BatchWriter<PendingWrite> writer = new BatchWriter<>("llm-cache-writer",
            Duration.ofMillis(WRITE_INTERVAL_MILLIS), 1_000, MAX_PENDING, this::writeBatch);
    // The background writer's own connection (auto-flush off); only that thread uses it.
    private StatefulRedisConnection<String, String> writeConnection;

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

    /** Queues an answer for the background writer; degraded and replayed answers are never stored. */
    public void put(String key, ChatResponse response) {
        if (!enabled || response.degraded() || response.cached()) {
            return;
        }
        if (!writer.offer(new PendingWrite(key, response))) {
            operations.accept("error");
        }
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() throws InterruptedException {
        writer.stop();
        if (writeConnection != null) {
            writeConnection.close();
        }
    }

    /** Stores every answer queued so far (at most a few seconds' wait); used on shutdown and by tests. */
    public void flushWrites() throws InterruptedException {
        writer.flush();
    }

    private void writeBatch(List<PendingWrite> batch) {
        StatefulRedisConnection<String, String> connection = writeConnection();
        if (connection == null) {
            return;   // Redis is away: no cache, never an error
        }
        List<RedisFuture<String>> sent = new ArrayList<>();
        for (PendingWrite write : batch) {
            try {
                sent.add(connection.async().setex(write.key(), ttlSeconds, JSON.writeValueAsString(write.response())));
            } catch (RuntimeException | JsonProcessingException e) {
                operations.accept("error");
            }
        }
        // One write for the whole batch: Redis and the client's I/O thread wake once, not per answer.
        connection.flushCommands();
        for (RedisFuture<String> future : sent) {
            operations.accept(awaited(future) ? "set" : "error");
        }
    }

    private static boolean awaited(RedisFuture<String> future) {
        try {
            return LettuceFutures.awaitAll(WRITE_TIMEOUT, future);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private StatefulRedisConnection<String, String> writeConnection() {
        StatefulRedisConnection<String, String> current = writeConnection;
        if (current == null || !current.isOpen()) {
            current = redis.connectDedicated().orElse(null);
            if (current != null) {
                current.setAutoFlushCommands(false);
            }
            writeConnection = current;
        }
        return current;
    }

    private record PendingWrite(String key, ChatResponse response) {
    }

    /** Removes every cached answer; returns how many. */
    public long flush() {
        // Answers still waiting to be stored would outlive the flush otherwise.
        writer.discardQueued();
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
