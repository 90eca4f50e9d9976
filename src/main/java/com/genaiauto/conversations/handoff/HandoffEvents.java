package com.genaiauto.conversations.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.platform.redis.FanOut;
import com.genaiauto.platform.redis.RedisConnector;
import io.dropwizard.lifecycle.Managed;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to the handoff queue (opened, escalated, taken over, resolved, handed back), delivered
 * to the support consoles open on every replica through one Redis channel, as chat events are.
 * While Redis is unreachable a change reaches this replica's consoles only; the consoles read the
 * queue again whenever their stream reconnects.
 */
public final class HandoffEvents implements Managed {

    public static final String CHANNEL = "genai:handoff:events";
    private static final Logger LOG = LoggerFactory.getLogger(HandoffEvents.class);

    private final Set<Consumer<Handoff>> listeners = new CopyOnWriteArraySet<>();
    private final FanOut<Handoff> fanOut;

    public HandoffEvents(RedisConnector redis, ObjectMapper json) {
        this.fanOut = new FanOut<>(redis, CHANNEL, json, Handoff.class, this::deliver);
    }

    @Override
    public void start() {
        fanOut.start();
    }

    @Override
    public void stop() {
        fanOut.stop();
    }

    /** Registers a listener for every change; the returned handle removes it. */
    public Runnable listen(Consumer<Handoff> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The handoff as it now stands, to every console. Never blocks on Redis. */
    public void publish(Handoff handoff) {
        fanOut.publish(handoff);
    }

    private void deliver(Handoff handoff) {
        for (Consumer<Handoff> listener : listeners) {
            try {
                listener.accept(handoff);
            } catch (RuntimeException e) {
                LOG.debug("A handoff listener failed", e);
            }
        }
    }
}
