package com.genaiauto.rag.ingest;

import com.genaiauto.rag.dao.IngestionJobDao;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of the jobs this replica runs: every few seconds, one statement renews all their
 * leases. A replica that dies stops renewing, and its jobs are claimed again once the lease has
 * run out; a live run is never taken from it.
 */
final class JobLeases implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

    private final Jdbi jdbi;
    private final Duration lease;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService beat;

    JobLeases(Jdbi jdbi, Duration lease) {
        this.jdbi = jdbi;
        this.lease = lease;
    }

    Duration lease() {
        return lease;
    }

    void hold(UUID token) {
        held.add(token);
    }

    void drop(UUID token) {
        held.remove(token);
    }

    @Override
    public synchronized void start() {
        beat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingestion-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        // Four beats per lease: one or two may be lost to a slow database without losing the job.
        long every = Math.max(100, lease.toMillis() / 4);
        beat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (beat != null) {
            beat.shutdownNow();
        }
    }

    private void renew() {
        UUID[] tokens = held.toArray(UUID[]::new);
        if (tokens.length == 0) {
            return;
        }
        try {
            jdbi.onDemand(IngestionJobDao.class).heartbeat(tokens);
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the leases of {} ingestion job(s): {}", tokens.length, e.toString());
        }
    }
}
