package com.genaiauto.llm.provider;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts off provider calls that run past their time: a call that falls silent for longer than its
 * idle bound, or runs past its overall bound, is cancelled (its connection closed), so a stalled
 * provider cannot hold a thread. One sweeper thread checks every call in flight each
 * {@link #TICK}; watching a call is a set insert, with no timer scheduled and no thread woken per
 * call — on a small machine those wake-ups cost more than the call's own work.
 */
final class CallWatchdog {

    static final Duration TICK = Duration.ofMillis(10);
    private static final CallWatchdog SHARED = new CallWatchdog();

    private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();

    private CallWatchdog() {
        Thread sweeper = new Thread(this::sweep, "llm-call-watchdog");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    static CallWatchdog shared() {
        return SHARED;
    }

    /** Starts watching a call; {@code cancel} runs once, on the sweeper thread, if it overruns. */
    Watch watch(Runnable cancel, Duration idle, Duration overall) {
        Watch watch = new Watch(cancel, Math.max(1, idle.toNanos()), System.nanoTime() + Math.max(1, overall.toNanos()));
        inFlight.add(watch);
        return watch;
    }

    private void sweep() {
        long tick = TICK.toNanos();
        while (true) {
            LockSupport.parkNanos(tick);
            long now = System.nanoTime();
            for (Watch watch : inFlight) {
                if (watch.overrun(now)) {
                    inFlight.remove(watch);
                    watch.expire();
                }
            }
        }
    }

    /** One watched call. Readers {@link #touch()} on every event and {@link #end()} when done. */
    final class Watch {
        private final Runnable cancel;
        private final long idleNanos;
        private final long endsAt;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean expired;

        private Watch(Runnable cancel, long idleNanos, long endsAt) {
            this.cancel = cancel;
            this.idleNanos = idleNanos;
            this.endsAt = endsAt;
        }

        void touch() {
            lastActivity = System.nanoTime();
        }

        void end() {
            inFlight.remove(this);
        }

        /** True when the watchdog cut the call off. */
        boolean expired() {
            return expired;
        }

        private boolean overrun(long now) {
            return now - lastActivity > idleNanos || now - endsAt > 0;
        }

        private void expire() {
            expired = true;
            try {
                cancel.run();
            } catch (RuntimeException ignored) {
                // Cancelling is best effort; the reader sees the closed connection either way.
            }
        }
    }
}
