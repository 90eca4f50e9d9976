package com.genaiauto.conversations.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.platform.redis.Broadcast;
import com.genaiauto.platform.redis.RedisConnector;
import io.dropwizard.lifecycle.Managed;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out of conversation events to the WebSockets open on every replica: events are published on
 * one Redis channel and each replica delivers them to its own sockets of that session. While Redis
 * is unreachable, events reach this replica's sockets directly (and other replicas' not at all).
 */
public final class ChatEvents implements Managed {

    public static final String CHANNEL = "genai:chat:events";
    private static final Logger LOG = LoggerFactory.getLogger(ChatEvents.class);

    private final ObjectMapper json;
    private final Map<UUID, Set<Consumer<ChatEvent>>> listeners = new ConcurrentHashMap<>();
    private final Broadcast broadcast;

    public ChatEvents(RedisConnector redis, ObjectMapper json) {
        this.json = json;
        this.broadcast = new Broadcast(redis, CHANNEL, this::onMessage);
    }

    @Override
    public void start() {
        broadcast.start();
    }

    @Override
    public void stop() {
        broadcast.stop();
    }

    /** Registers a listener for one session's events; the returned handle removes it. */
    public Runnable listen(UUID sessionId, Consumer<ChatEvent> listener) {
        listeners.computeIfAbsent(sessionId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(sessionId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(ChatEvent event) {
        if (broadcast.isListening()) {
            try {
                String payload = json.writeValueAsString(Map.of("sessionId", event.sessionId(),
                        "type", event.type(), "data", event.data() == null ? Map.of() : event.data()));
                // Not waited for: a turn publishes several events, and Redis answering slowly must not
                // slow the owner's answer. Should the command fail after all, this replica's sockets
                // still get the event.
                if (broadcast.sendAsync(payload, () -> deliver(event))) {
                    return;
                }
            } catch (JsonProcessingException e) {
                LOG.debug("A chat event could not be serialised; delivering locally", e);
            }
        }
        // Redis is unreachable: at least this replica's sockets get the event.
        deliver(event);
    }

    private void deliver(ChatEvent event) {
        Set<Consumer<ChatEvent>> targets = listeners.get(event.sessionId());
        if (targets == null) {
            return;
        }
        for (Consumer<ChatEvent> target : targets) {
            try {
                target.accept(event);
            } catch (RuntimeException e) {
                LOG.debug("A chat event listener failed", e);
            }
        }
    }

    private void onMessage(String message) {
        try {
            JsonNode node = json.readTree(message);
            UUID sessionId = UUID.fromString(node.path("sessionId").asText());
            deliver(new ChatEvent(sessionId, node.path("type").asText(), node.path("data")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed chat event from Redis");
        }
    }
}
