package com.genaiauto.auth.service;

import com.genaiauto.platform.redis.RedisConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens revoked before their expiry (by logout), kept until they would have expired
 * anyway. Shared through Redis; also kept in this process so a revocation holds here while Redis
 * is down. A revocation Redis has not confirmed (down, failing over, or — behind Sentinel — not
 * yet on a replica, so a failover could lose it) is written again every half second until it is,
 * off the request path, so other replicas learn of every revocation once Redis is back.
 */
public final class TokenDenylist {

    private static final String PREFIX = "genai:revoked-jti:";
    private static final String SESSION_PREFIX = "genai:revoked-sid:";

    private final RedisConnector redis;
    private final Clock clock;
    private static final long REPLICA_WAIT_MILLIS = 250;
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    /** A thread of its own: a shared pool busy with blocking work would hold the writes back. */
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "revocation-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, Instant> local = new ConcurrentHashMap<>();
    private final Queue<Revocation> unconfirmed = new ConcurrentLinkedQueue<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    private record Revocation(String key, Instant expiresAt) {
    }

    public TokenDenylist(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public void revoke(String tokenId, Instant expiresAt) {
        deny(PREFIX, tokenId, expiresAt);
    }

    /** Every access token of a sign-in session, issued until {@code lastExpiry}, is refused from now on. */
    public void revokeSession(String sessionId, Instant lastExpiry) {
        deny(SESSION_PREFIX, sessionId, lastExpiry);
    }

    private void deny(String prefix, String id, Instant expiresAt) {
        Instant now = clock.instant();
        if (id == null || expiresAt == null || !expiresAt.isAfter(now)) {
            return;
        }
        local.put(prefix + id, expiresAt);
        Revocation revocation = new Revocation(prefix + id, expiresAt);
        if (!store(revocation, now)) {
            unconfirmed.add(revocation);
            retryLater();
        }
        purgeExpired(now);
    }

    /**
     * True once Redis holds the revocation: behind Sentinel, also a replica when the primary has
     * one (a primary left without replicas by a failover cannot do better than keep it itself).
     */
    private boolean store(Revocation revocation, Instant now) {
        long seconds = Duration.between(now, revocation.expiresAt()).toSeconds() + 1;
        if (seconds <= 1) {
            return true;
        }
        return redis.connection().map(connection -> {
            try {
                var commands = connection.sync();
                commands.setex(revocation.key(), seconds, "1");
                return !redis.replicated() || hasNoReplica(commands.info("replication"))
                        || commands.waitForReplication(1, REPLICA_WAIT_MILLIS) >= 1;
            } catch (RuntimeException e) {
                // Held locally and retried; Redis being down is reported by the health endpoint.
                return false;
            }
        }).orElse(false);
    }

    /**
     * Whether a primary has no replica at all, from INFO replication's {@code connected_slaves}:
     * every attached replica counts, whatever its state, so a write waits for any replica that a
     * failover could promote.
     */
    static boolean hasNoReplica(String replicationInfo) {
        return replicationInfo.lines().map(String::strip).anyMatch(line -> line.equals("role:master"))
                && replicationInfo.lines().map(String::strip).anyMatch(line -> line.equals("connected_slaves:0"));
    }

    private void flushUnconfirmed() {
        if (!flushing.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (int pending = unconfirmed.size(); pending > 0; pending--) {
                Revocation next = unconfirmed.poll();
                if (next == null) {
                    return;
                }
                if (!store(next, now)) {
                    unconfirmed.add(next);
                }
            }
        } finally {
            flushing.unlock();
            if (!unconfirmed.isEmpty()) {
                retryLater();
            }
        }
    }

    /** One write of the unconfirmed revocations after {@link #FLUSH_INTERVAL}, unless one is already due. */
    private void retryLater() {
        if (retryScheduled.compareAndSet(false, true)) {
            FLUSHER.schedule(() -> {
                retryScheduled.set(false);
                flushUnconfirmed();
            }, FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public boolean isRevoked(String tokenId) {
        return isRevoked(tokenId, null);
    }

    /** True when the token, or the session it belongs to, was revoked: one Redis round-trip for both. */
    public boolean isRevoked(String tokenId, String sessionId) {
        java.util.List<String> keys = new java.util.ArrayList<>(2);
        if (tokenId != null) {
            keys.add(PREFIX + tokenId);
        }
        if (sessionId != null) {
            keys.add(SESSION_PREFIX + sessionId);
        }
        if (keys.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (keys.stream().map(local::get).anyMatch(expiry -> expiry != null && expiry.isAfter(now))) {
            return true;
        }
        return redis.connection().map(connection -> {
            try {
                return connection.sync().exists(keys.toArray(String[]::new)) > 0;
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    private void purgeExpired(Instant now) {
        if (local.size() > 10_000) {
            local.values().removeIf(expiry -> !expiry.isAfter(now));
        }
    }
}
