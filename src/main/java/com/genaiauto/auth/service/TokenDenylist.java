package com.genaiauto.auth.service;

import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.Replication;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * is down. A revocation Redis has not confirmed is written again, off the request path, until it
 * is, so other replicas learn of every revocation once Redis is back. Behind Sentinel, confirmed
 * means a replica acknowledged it: a primary without replicas may be one the Sentinels have
 * already replaced and are about to demote, and a demoted primary's writes are erased when it
 * copies its successor's data. Such a revocation is written again whenever the primary reports
 * another replication history, and confirmed once a replica takes it. This holds with one replica,
 * as the HA overlay runs Redis: with two, a woken old primary may keep one attached long enough
 * for it to acknowledge a write before the Sentinels move it too.
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

    /** {@code writtenUnder}: the replication history it was last written under, null when never written. */
    private record Revocation(String key, Instant expiresAt, String writtenUnder) {

        Revocation writtenUnder(String history) {
            return new Revocation(key, expiresAt, history);
        }
    }

    /** What one write achieved: confirmed, or the revocation to keep trying. */
    private record Outcome(boolean confirmed, Revocation pending) {
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
        Outcome outcome = store(new Revocation(prefix + id, expiresAt, null), now);
        if (!outcome.confirmed()) {
            unconfirmed.add(outcome.pending());
            retryLater();
        }
        purgeExpired(now);
    }

    private static long secondsLeft(Revocation revocation, Instant now) {
        return Duration.between(now, revocation.expiresAt()).toSeconds() + 1;
    }

    private Outcome store(Revocation revocation, Instant now) {
        if (secondsLeft(revocation, now) <= 1) {
            return new Outcome(true, revocation);
        }
        return redis.connection().map(connection -> {
            try {
                var commands = connection.sync();
                if (!redis.replicated()) {
                    commands.setex(revocation.key(), secondsLeft(revocation, now), "1");
                    return new Outcome(true, revocation);
                }
                List<Revocation> kept = writeBehindSentinel(commands, List.of(revocation), now);
                return kept.isEmpty() ? new Outcome(true, revocation) : new Outcome(false, kept.get(0));
            } catch (RuntimeException e) {
                // Held locally and retried; Redis being down is reported by the health endpoint.
                return new Outcome(false, revocation);
            }
        }).orElse(new Outcome(false, revocation));
    }

    /**
     * One pass over the unconfirmed revocations. Without Sentinel, each is simply written again.
     * Behind Sentinel, {@link #writeBehindSentinel} takes them all at once: one WAIT confirms them
     * together, and a long spell without replicas costs one INFO per pass.
     */
    private void flushUnconfirmed() {
        if (!flushing.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            unconfirmed.removeIf(revocation -> secondsLeft(revocation, now) <= 1);
            if (!redis.replicated()) {
                for (int pending = unconfirmed.size(); pending > 0; pending--) {
                    Revocation next = unconfirmed.poll();
                    if (next != null && !store(next, now).confirmed()) {
                        unconfirmed.add(next);
                    }
                }
                return;
            }
            redis.connection().ifPresent(connection -> flushBehindSentinel(connection.sync(), now));
        } finally {
            flushing.unlock();
            if (!unconfirmed.isEmpty()) {
                retryLater();
            }
        }
    }

    private void flushBehindSentinel(RedisCommands<String, String> commands, Instant now) {
        // Only this pass takes from the queue; requests add at its tail meanwhile.
        List<Revocation> taken = new ArrayList<>();
        for (int pending = unconfirmed.size(); pending > 0; pending--) {
            Revocation next = unconfirmed.poll();
            if (next != null) {
                taken.add(next);
            }
        }
        List<Revocation> kept = taken;
        try {
            kept = writeBehindSentinel(commands, taken, now);
        } catch (RuntimeException e) {
            // Kept for the next pass as they were before this one: what this pass wrote is unknown.
        } finally {
            unconfirmed.addAll(kept);
        }
    }

    /**
     * Writes revocations behind Sentinel and returns those not yet confirmed, each marked with the
     * history it was last written under as far as that is known (a reconnection unmarks it). One
     * INFO decides: on a replica, nothing is written; on a primary, those written under another
     * history (or never) are written again, and with a replica attached one more write too, so that
     * WAIT has this call's offset to wait for (replication is in order: a replica that has it has
     * every earlier write under this history). Confirmed only when a replica acknowledged and the
     * connection was not made again between INFO and WAIT (a resent command may have reached
     * another server). A sign-out calls this with its one revocation, the flusher with its queue.
     */
    private List<Revocation> writeBehindSentinel(RedisCommands<String, String> commands, List<Revocation> taken,
                                                 Instant now) {
        long link = redis.linkChanges();
        Replication replication = Replication.parse(commands.info("replication"));
        if (!replication.primary() || taken.isEmpty()) {
            return taken;
        }
        List<Revocation> written = new ArrayList<>(taken.size());
        boolean wroteOne = false;
        for (Revocation revocation : taken) {
            boolean stale = !replication.history().equals(revocation.writtenUnder());
            if (stale || replication.replicas() > 0 && !wroteOne) {
                commands.setex(revocation.key(), secondsLeft(revocation, now), "1");
                wroteOne = true;
                written.add(revocation.writtenUnder(replication.history()));
            } else {
                written.add(revocation);
            }
        }
        if (redis.linkChanges() != link) {
            return taken;
        }
        // WAIT blocks for its whole timeout when no replica is attached: not worth it then.
        boolean acknowledged = replication.replicas() > 0 && commands.waitForReplication(1, REPLICA_WAIT_MILLIS) >= 1
                && redis.linkChanges() == link;
        return acknowledged ? List.of() : written;
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
        List<String> keys = new ArrayList<>(2);
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
