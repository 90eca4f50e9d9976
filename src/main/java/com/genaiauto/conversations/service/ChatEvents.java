package com.genaiauto.conversations.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.platform.redis.FanOut;
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
 * Fan-out of conversation events to the WebSockets (and support consoles) open on every replica:
 * events are published on one Redis channel and each replica delivers them to its own listeners of
 * that session. While Redis is unreachable, events reach this replica's listeners only.
 */
public final class ChatEvents implements Managed {

    public static final String CHANNEL = "genai:chat:events";
    private static final Logger LOG = LoggerFactory.getLogger(ChatEvents.class);

    private final Map<UUID, Set<Consumer<ChatEvent>>> listeners = new ConcurrentHashMap<>();
    private final FanOut<ChatEvent> fanOut;

    public ChatEvents(RedisConnector redis, ObjectMapper json) {
        this.fanOut = new FanOut<>(redis, CHANNEL, json, ChatEvent.class, this::deliver);
    }

    @Override
    public void start() {
        fanOut.start();
    }

    @Override
    public void stop() {
        fanOut.stop();
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
        fanOut.publish(event.data() == null ? new ChatEvent(event.sessionId(), event.type(), Map.of()) : event);
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
}
