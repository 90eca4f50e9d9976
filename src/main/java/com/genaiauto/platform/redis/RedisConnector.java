package com.genaiauto.platform.redis;

import io.dropwizard.lifecycle.Managed;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one Lettuce client and its shared connection. Redis is optional at run time:
 * when it is unreachable, {@link #connection()} is empty and callers fall back (no cache, local
 * rate limits) instead of failing; connecting is retried at most once per reconnect interval.
 * Once connected, Lettuce reconnects by itself and rejects commands while disconnected, so a
 * Redis outage costs callers an exception, not a wait.
 */
public final class RedisConnector implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisClient client;
    private final Duration reconnectInterval;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, byte[]> binaryConnection;
    private Instant nextAttempt = Instant.MIN;

    public RedisConnector(RedisConfig config) {
        this(config, Clock.systemUTC());
    }

    RedisConnector(RedisConfig config, Clock clock) {
        RedisURI uri = RedisURI.create(config.url());
        uri.setTimeout(config.commandTimeout().toJavaDuration());
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(config.connectTimeout().toJavaDuration())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout().toJavaDuration()))
                .build());
        this.reconnectInterval = config.reconnectInterval().toJavaDuration();
        this.clock = clock;
    }

    @Override
    public void start() {
        if (connection().isEmpty()) {
            LOG.warn("Redis is unreachable at start-up; running degraded (no cache, local rate limits)");
        }
    }

    @Override
    public void stop() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        StatefulRedisConnection<String, byte[]> binary = binaryConnection;
        if (binary != null) {
            binary.close();
        }
        client.shutdown();
    }

    /** A connection with string keys and binary values (rate-limit buckets, embeddings), or empty. */
    public Optional<StatefulRedisConnection<String, byte[]>> binaryConnection() {
        StatefulRedisConnection<String, byte[]> current = binaryConnection;
        if (current != null) {
            return Optional.of(current);
        }
        if (connection().isEmpty()) {
            return Optional.empty();
        }
        synchronized (lock) {
            if (binaryConnection == null) {
                try {
                    binaryConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                } catch (RuntimeException e) {
                    LOG.warn("Redis unreachable: {}", rootMessage(e));
                    return Optional.empty();
                }
            }
            return Optional.of(binaryConnection);
        }
    }

    /** The shared connection, or empty while Redis is unreachable. */
    public Optional<StatefulRedisConnection<String, String>> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return Optional.of(current);
        }
        synchronized (lock) {
            if (connection != null) {
                return Optional.of(connection);
            }
            Instant now = clock.instant();
            if (now.isBefore(nextAttempt)) {
                return Optional.empty();
            }
            try {
                connection = client.connect();
                LOG.info("Connected to Redis");
                return Optional.of(connection);
            } catch (RuntimeException e) {
                nextAttempt = now.plus(reconnectInterval);
                LOG.warn("Redis unreachable: {}", rootMessage(e));
                return Optional.empty();
            }
        }
    }

    /** A dedicated connection for subscriptions, which cannot share the command connection. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    /** True when a PING round-trip succeeds now. */
    public boolean isAvailable() {
        return connection().map(c -> {
            try {
                return "PONG".equals(c.sync().ping());
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
