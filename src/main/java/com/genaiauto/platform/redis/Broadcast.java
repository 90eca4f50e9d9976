package com.genaiauto.platform.redis;

import io.dropwizard.lifecycle.Managed;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis channel every replica listens on, for small notices ("look again, this changed").
 * Delivery is best effort: a replica that misses a notice while Redis is away must also look
 * again on its own from time to time, which callers do. The sender hears its own notices too.
 */
public final class Broadcast implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

    private final RedisConnector redis;
    private final String channel;
    private final Consumer<String> listener;
    private final ScheduledExecutorService watchdog;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    public Broadcast(RedisConnector redis, String channel, Consumer<String> listener) {
        this.redis = redis;
        this.channel = channel;
        this.listener = listener;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broadcast-" + channel);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        ensureSubscribed();
        // Redis may come up after us: keep trying to hold one subscription (Lettuce re-subscribes
        // an existing one by itself after an outage).
        watchdog.scheduleWithFixedDelay(this::ensureSubscribed, 2, 2, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        watchdog.shutdownNow();
        StatefulRedisPubSubConnection<String, String> current = subscription;
        if (current != null) {
            current.close();
        }
    }

    /** True while this replica is subscribed: what is sent will come back to it. */
    public boolean isListening() {
        StatefulRedisPubSubConnection<String, String> current = subscription;
        return current != null && current.isOpen();
    }

    /**
     * Sends without waiting for Redis (for callers on a latency path; one connection keeps the
     * order of its commands). False when it could not even be sent; {@code onFailure} runs if
     * Redis refuses it afterwards.
     */
    public boolean sendAsync(String message, Runnable onFailure) {
        return redis.connection().filter(connection -> connection.isOpen()).map(connection -> {
            try {
                connection.async().publish(channel, message).whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        onFailure.run();
                    }
                });
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    /** Sends a notice to every replica; false when Redis is out of reach. */
    public boolean send(String message) {
        return redis.connection().map(connection -> {
            try {
                connection.sync().publish(channel, message);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("Could not broadcast on {}: {}", channel, e.toString());
                return false;
            }
        }).orElse(false);
    }

    private void ensureSubscribed() {
        if (subscription != null) {
            return;
        }
        redis.connectPubSub().ifPresent(connection -> {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    try {
                        listener.accept(message);
                    } catch (RuntimeException e) {
                        LOG.warn("A notice on {} could not be handled: {}", channel, e.toString());
                    }
                }
            });
            try {
                connection.sync().subscribe(channel);
                subscription = connection;
            } catch (RuntimeException e) {
                connection.close();
            }
        });
    }
}
