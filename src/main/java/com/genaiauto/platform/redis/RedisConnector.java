package com.genaiauto.platform.redis;

import io.dropwizard.lifecycle.Managed;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one Lettuce client and its shared connections. Redis is optional at run time:
 * while it is unreachable, {@link #connection()} is empty and callers fall back (no cache, local
 * rate limits) instead of failing. Connecting is tried by one caller at a time, at most once per
 * reconnect interval; everyone else gets an empty answer at once rather than waiting. Once
 * connected, Lettuce reconnects by itself and rejects commands while disconnected, so an outage
 * costs callers an exception, not a wait.
 */
public final class RedisConnector implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(500);

    private final RedisClient client;
    private final boolean replicated;
    private final Duration reconnectInterval;
    private final Clock clock;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, byte[]> binaryConnection;
    private volatile Instant nextAttempt = Instant.MIN;
    /** False while Redis holds the connection open but does not answer (a stopped or hung server). */
    private volatile boolean responsive = true;
    private final AtomicLong linkChanges = new AtomicLong();
    private ScheduledExecutorService heartbeat;

    public RedisConnector(RedisConfig config) {
        this(config, Clock.systemUTC());
    }

    RedisConnector(RedisConfig config, Clock clock) {
        RedisURI uri = RedisURI.create(config.url());
        uri.setTimeout(config.commandTimeout().toJavaDuration());
        if (config.password() != null && !config.password().isEmpty()) {
            uri.setPassword(config.password().toCharArray());
        }
        this.client = RedisClient.create(uri);
        this.replicated = !uri.getSentinels().isEmpty();
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
        this.client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, java.net.SocketAddress address) {
                countIfShared(handler);
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                countIfShared(handler);
            }
        });
    }

    private void countIfShared(RedisChannelHandler<?, ?> handler) {
        // Before the shared connection is set, its first connect cannot matter to anyone yet.
        if (handler == (Object) connection) {
            linkChanges.incrementAndGet();
        }
    }

    /**
     * A count that moves whenever the shared connection ({@link #connection()}) drops or is made
     * again. Lettuce sends a command again after a reconnect, possibly to another server (behind Sentinel, the new
     * primary): commands that only mean something together on one server (a write, then WAIT for
     * it) compare this before and after.
     */
    public long linkChanges() {
        return linkChanges.get();
    }

    @Override
    public void start() {
        if (connection().isEmpty()) {
            LOG.warn("Redis is unreachable at start-up; running degraded (no cache, local rate limits)");
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A hung Redis keeps its connections open, so Lettuce sees nothing wrong and every command
     * waits out its timeout: a chat that touches Redis four times would stall for eight seconds
     * per message for the whole hang. A PING every 250 ms that gets no answer within 500 ms marks
     * Redis unresponsive, and callers then take their degraded path at once (no cache, local rate
     * limits, events delivered on this replica) until a PING is answered again.
     */
    private void beat() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            return;
        }
        boolean answered;
        try {
            answered = "PONG".equals(current.async().ping().toCompletableFuture()
                    .get(HEARTBEAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            answered = false;
        }
        if (answered != responsive) {
            responsive = answered;
            if (answered) {
                LOG.info("Redis answers again");
            } else {
                LOG.warn("Redis does not answer within {} ms; running degraded until it does", HEARTBEAT_TIMEOUT.toMillis());
            }
        }
    }

    /**
     * True when REDIS_URL names Sentinels ({@code redis-sentinel://}): the primary has replicas and
     * may be replaced by one of them. Lettuce asks the Sentinels for the primary at every
     * (re)connect, so a failover costs a reconnect; writes that must survive it wait for a replica.
     */
    public boolean replicated() {
        return replicated;
    }

    /** False while the heartbeat finds Redis connected but not answering. */
    public boolean isResponsive() {
        return responsive;
    }

    @Override
    public void stop() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        closeQuietly(connection);
        closeQuietly(binaryConnection);
        client.shutdown();
    }

    /** The shared string connection, or empty while Redis is unreachable. */
    public Optional<StatefulRedisConnection<String, String>> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return responsive ? Optional.of(current) : Optional.empty();
        }
        return connectOnce(client::connect).map(created -> {
            connection = created;
            return created;
        });
    }

    /** A connection with string keys and binary values (rate-limit buckets, embeddings), or empty. */
    public Optional<StatefulRedisConnection<String, byte[]>> binaryConnection() {
        StatefulRedisConnection<String, byte[]> current = binaryConnection;
        if (current != null) {
            return responsive ? Optional.of(current) : Optional.empty();
        }
        return connectOnce(() -> client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)))
                .map(created -> {
                    binaryConnection = created;
                    return created;
                });
    }

    /**
     * A new publish/subscribe connection (subscriptions need their own), or empty while Redis is
     * unreachable. Lettuce re-subscribes its channels by itself after a reconnect.
     */
    public Optional<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
        return connectOnce(client::connectPubSub);
    }

    /**
     * A new connection of the caller's own, or empty while Redis is unreachable: for batches sent
     * with auto-flush off, which must not hold back other callers' commands on the shared one.
     */
    public Optional<StatefulRedisConnection<String, String>> connectDedicated() {
        return connectOnce(client::connect);
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

    private <T> Optional<T> connectOnce(Supplier<T> connect) {
        if (clock.instant().isBefore(nextAttempt) || !connecting.tryLock()) {
            return Optional.empty();
        }
        try {
            T created = connect.get();
            LOG.info("Connected to Redis");
            return Optional.of(created);
        } catch (RuntimeException e) {
            nextAttempt = clock.instant().plus(reconnectInterval);
            LOG.warn("Redis unreachable: {}", rootMessage(e));
            return Optional.empty();
        } finally {
            connecting.unlock();
        }
    }

    private static void closeQuietly(StatefulRedisConnection<?, ?> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // Shutting down anyway.
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
