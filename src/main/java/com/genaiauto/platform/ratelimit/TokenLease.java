package com.genaiauto.platform.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Tokens one replica has taken from a shared bucket ahead of use, so that a busy key costs a
 * Redis round trip once per batch instead of once per request. Tokens are taken from the shared
 * bucket before they are handed out, so the limit across replicas is never exceeded; what a lease
 * still holds when it ends (after {@link #LIFETIME_NANOS}) is lost, which makes the limit slightly
 * stricter, never looser. Batches start at one token, double while a lease is spent before it
 * ends, and shrink to what the last lease used when it was not — so a quiet key asks Redis on
 * every request, exactly as without a lease.
 */
final class TokenLease {

    static final long LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long maxBatch;
    private long available;
    private long used;
    private long batch = 1;
    private long endsAt;
    private boolean started;

    TokenLease(long maxBatch) {
        this.maxBatch = Math.max(1, maxBatch);
    }

    /**
     * Takes one token, asking {@code shared} (tokens wanted → tokens granted) for a new batch when
     * this lease is spent or has ended. Holding the lock while asking makes concurrent requests
     * for the same key wait for one fetch instead of each making their own.
     */
    synchronized boolean take(long now, LongUnaryOperator shared) {
        return take(now, 1, shared);
    }

    /** Takes {@code tokens} at once (a request's tokens under a tokens-per-minute limit). */
    synchronized boolean take(long now, long tokens, LongUnaryOperator shared) {
        boolean live = started && now - endsAt < 0;
        if (live && available >= tokens) {
            available -= tokens;
            used += tokens;
            return true;
        }
        if (live && used > 0) {
            batch = Math.min(maxBatch, batch * 2);
        } else {
            batch = Math.max(1, Math.min(maxBatch, used));
        }
        long wanted = Math.max(tokens - Math.max(0, live ? available : 0), batch);
        long granted = shared.applyAsLong(wanted);
        started = true;
        endsAt = now + LIFETIME_NANOS;
        used = 0;
        available = (live ? available : 0) + Math.max(0, granted);
        if (available < tokens) {
            return false;
        }
        available -= tokens;
        used += tokens;
        return true;
    }

    synchronized long batch() {
        return batch;
    }
}
