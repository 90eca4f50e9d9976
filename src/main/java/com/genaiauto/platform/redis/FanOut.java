package com.genaiauto.platform.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events for listeners on every replica: each is published as JSON on one Redis channel, and each
 * replica (the sender included) hands what it hears to {@code deliver}. Publishing never waits for
 * Redis; while Redis is unreachable, or refuses the command, an event reaches this replica's
 * listeners directly (and other replicas' not at all).
 */
public final class FanOut<T> implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final ObjectMapper json;
    private final Class<T> type;
    private final Consumer<T> deliver;
    private final Broadcast broadcast;

    public FanOut(RedisConnector redis, String channel, ObjectMapper json, Class<T> type, Consumer<T> deliver) {
        this.json = json;
        this.type = type;
        this.deliver = deliver;
        this.broadcast = new Broadcast(redis, channel, this::onMessage);
    }

    @Override
    public void start() {
        broadcast.start();
    }

    @Override
    public void stop() {
        broadcast.stop();
    }

    public void publish(T event) {
        if (broadcast.isListening()) {
            try {
                // Not waited for: callers are on a latency path (a chat turn publishes several
                // events). Should Redis refuse it after all, this replica's listeners still get it.
                if (broadcast.sendAsync(json.writeValueAsString(event), () -> deliver.accept(event))) {
                    return;
                }
            } catch (JsonProcessingException e) {
                LOG.debug("An event could not be serialised; delivering locally", e);
            }
        }
        deliver.accept(event);
    }

    private void onMessage(String message) {
        T event;
        try {
            event = json.readValue(message, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Ignoring a malformed {} from Redis", type.getSimpleName());
            return;
        }
        deliver.accept(event);
    }
}
