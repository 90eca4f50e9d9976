package com.genaiauto.platform.housekeeping;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.platform.db.LongStatements;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention on a schedule: each module registers how to remove its data older than a cut-off,
 * and every replica runs the schedule, but a run happens only on the replica that holds a
 * PostgreSQL advisory lock (session-level, on one connection), so two replicas never delete at
 * once; a replica that finds the lock taken skips its turn. Metrics per kind: rows removed,
 * the time of the last successful run, and failures.
 */
public final class Housekeeping implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** The advisory lock's key: any constant the service uses for nothing else. */
    static final long LOCK_KEY = 0x67656e6169L; // "genai"
    private static final Duration PURGE_TIMEOUT = Duration.ofMinutes(30);

    /** What one run did: rows removed per kind, or that another replica holds the lock. */
    public record Report(boolean ran, Map<Retained, Long> removed) {
    }

    private final Jdbi jdbi;
    private final HousekeepingConfig config;
    private final Clock clock;
    private final MetricRegistry metrics;
    private final Map<Retained, IntToLongFunction> purges = new EnumMap<>(Retained.class);
    private final Map<Retained, AtomicLong> lastSuccess = new EnumMap<>(Retained.class);
    private ScheduledExecutorService schedule;

    public Housekeeping(Jdbi jdbi, HousekeepingConfig config, Clock clock, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** How to remove {@code kind}'s data older than a number of days; returns how many rows went. */
    public synchronized void register(Retained kind, IntToLongFunction purgeOlderThanDays) {
        purges.put(kind, purgeOlderThanDays);
        AtomicLong last = new AtomicLong();
        lastSuccess.put(kind, last);
        metrics.gauge("housekeeping.last-success-seconds." + kind.label(), () -> last::get);
        metrics.counter("housekeeping.removed." + kind.label());
        metrics.counter("housekeeping.failures." + kind.label());
    }

    /** Runs every registered purge now, if no other replica is running them. */
    public Report runNow() {
        return jdbi.withHandle(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK_KEY)
                    .mapTo(Boolean.class).one();
            if (!locked) {
                return new Report(false, Map.of());
            }
            try {
                // The purges open their handles on this Jdbi, on this thread: Jdbi hands them this
                // handle, so they run on this connection, past the pool's socket timeout. A first
                // purge after a long retention can delete for longer than a request may wait.
                return new Report(true, LongStatements.allow(handle, PURGE_TIMEOUT, this::purgeAll));
            } finally {
                handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK_KEY).mapTo(Boolean.class).one();
            }
        });
    }

    private synchronized Map<Retained, Long> purgeAll() {
        Map<Retained, Long> removed = new LinkedHashMap<>();
        purges.forEach((kind, purge) -> {
            int days = config.days(kind);
            if (days == 0) {
                return;
            }
            try {
                long count = purge.applyAsLong(days);
                removed.put(kind, count);
                metrics.counter("housekeeping.removed." + kind.label()).inc(count);
                lastSuccess.get(kind).set(clock.instant().getEpochSecond());
            } catch (RuntimeException e) {
                Counter failures = metrics.counter("housekeeping.failures." + kind.label());
                failures.inc();
                LOG.error("Housekeeping of {} failed", kind.label(), e);
            }
        });
        if (removed.values().stream().anyMatch(count -> count > 0)) {
            LOG.info("Housekeeping removed {}", removed);
        }
        return removed;
    }

    @Override
    public void start() {
        long every = config.interval().toMillis();
        if (every <= 0) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        // A first run soon after start, then on the interval; replicas started together take turns.
        schedule.scheduleWithFixedDelay(this::scheduledRun, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    private void scheduledRun() {
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping could not run: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
