package com.genaiauto.llm.governance;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Budget one replica has taken from a shared period counter ahead of calls, so that a busy key
 * reserves most calls locally instead of with a Redis round trip each. A call reserves its
 * estimated cost; what a lease still holds when it ends ({@link #LIFETIME_NANOS}) goes back to the
 * shared counter, so other replicas can use it. Batches start at one call's estimate, double
 * while a lease is used up before it ends, and never exceed 5 % of the budget. What calls really
 * cost is settled in batches too ({@link #flush}, a few times a second): until then their
 * reservations stay held, which keeps every replica on the safe side of the limit.
 */
final class BudgetLease {

    static final long LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SpendCounter counter;
    private final String key;
    private final long limit;
    private final LongSupplier seed;
    private final Duration counterLifetime;
    private long available;
    private long pendingRelease;
    private long pendingActual;
    private long batch;
    private long endsAt;
    private boolean started;

    BudgetLease(SpendCounter counter, String key, long limit, LongSupplier seed, Duration counterLifetime) {
        this.counter = counter;
        this.key = key;
        this.limit = limit;
        this.seed = seed;
        this.counterLifetime = counterLifetime;
    }

    String key() {
        return key;
    }

    /** The nano-USD reserved for a call estimated at {@code estimate}, or SPENT / BUSY. */
    synchronized long reserve(long estimate, long now) {
        boolean live = started && now - endsAt < 0;
        if (live && available >= estimate) {
            available -= estimate;
            return estimate;
        }
        giveBack();
        flush();
        long maxBatch = Math.max(estimate, limit / 20);
        batch = live ? Math.min(maxBatch, Math.max(estimate, batch * 2)) : estimate;
        long granted = counter.take(key, limit, Math.max(estimate, batch), estimate, seed, counterLifetime);
        if (granted < 0) {
            return granted;
        }
        started = true;
        endsAt = now + LIFETIME_NANOS;
        long reserved = Math.min(estimate, granted);
        available = granted - reserved;
        return reserved;
    }

    /** A call that was not made: its reservation returns to this lease while it runs. */
    synchronized void unreserve(long reserved, long now) {
        if (started && now - endsAt < 0) {
            available += reserved;
        } else {
            pendingRelease += reserved;
        }
    }

    /** A call that was made: its reservation is released and what it cost committed, at the next flush. */
    synchronized void settle(long reserved, long actual) {
        pendingRelease += reserved;
        pendingActual += actual;
    }

    /** Sends the settled calls to the shared counter. */
    synchronized void flush() {
        if (pendingRelease > 0 || pendingActual > 0) {
            counter.settle(key, pendingRelease, pendingActual);
            pendingRelease = 0;
            pendingActual = 0;
        }
    }

    /** Ends an expired lease: what it still holds goes back to the shared counter. */
    synchronized boolean expireIfEnded(long now) {
        flush();
        if (started && now - endsAt >= 0) {
            giveBack();
            started = false;
            return true;
        }
        return !started;
    }

    /** At shutdown: everything settled and returned. */
    synchronized void close() {
        flush();
        giveBack();
        started = false;
    }

    private void giveBack() {
        if (available > 0) {
            counter.settle(key, available, 0);
            available = 0;
        }
    }
}
