package com.genaiauto.rag.ingest;

import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.rag.dao.IngestionJobDao;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.service.DocumentIngestion;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes queued jobs and runs up to {@code slots} of them at once on this replica. Every replica
 * looks for work on a short interval (and at once when it queued a job itself); a claim takes one
 * job under a row lock, skipping rows others hold. Jobs whose replica stopped sending heartbeats
 * are claimed again, or failed once they have used their attempts. On shutdown, running jobs are
 * handed back to the queue for another replica (or the next start).
 */
public final class IngestionWorker implements Managed {

    static final String ABANDONED = "worker_lost";
    private static final Logger LOG = LoggerFactory.getLogger(IngestionWorker.class);

    private final Jdbi jdbi;
    private final JobLeases leases;
    private final JobRunner runner;
    private final String replica;
    private final String embeddingModel;
    private final int slots;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private ScheduledExecutorService poller;
    private ExecutorService pool;

    IngestionWorker(Jdbi jdbi, JobLeases leases, DocumentIngestion ingestion, IngestionMetrics metrics, String replica,
                    IngestionJobs.Settings settings) {
        this.jdbi = jdbi;
        this.leases = leases;
        this.runner = new JobRunner(ingestion, leases, metrics, () -> stopping);
        this.replica = replica;
        this.embeddingModel = ingestion.embeddingModel();
        this.slots = settings.slots();
        this.pollInterval = settings.pollInterval();
        this.maxAttempts = settings.maxAttempts();
    }

    /** Runs a job its submitter claimed, on the submitter's thread; throws what ended it. */
    IngestionResult runHere(ClaimedJob job) {
        return runner.run(job);
    }

    @Override
    public synchronized void start() {
        stopping = false;
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, "ingestion-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingestion-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for work now (a job was just queued here). */
    public void wake() {
        ScheduledExecutorService current = poller;
        if (current != null && !stopping) {
            try {
                current.execute(this::fill);
            } catch (RejectedExecutionException stopped) {
                // Stopping: the queued job waits for another replica or the next start.
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        poller.shutdownNow();
        pool.shutdownNow();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("{} ingestion job(s) still running at shutdown; other replicas take them over once their lease "
                    + "runs out", running.get());
        }
    }

    private void poll() {
        try {
            failAbandoned();
            fill();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for ingestion jobs: {}", e.toString());
        }
    }

    /** Claims jobs while this replica has free slots and there are jobs to take. */
    private void fill() {
        while (!stopping && running.get() < slots) {
            Optional<ClaimedJob> claimed = claim();
            if (claimed.isEmpty()) {
                return;
            }
            running.incrementAndGet();
            try {
                pool.execute(() -> run(claimed.get()));
            } catch (RejectedExecutionException shuttingDown) {
                running.decrementAndGet();
                claimed.get().release();
                return;
            }
        }
    }

    private Optional<ClaimedJob> claim() {
        UUID token = UUID.randomUUID();
        return jdbi.onDemand(IngestionJobDao.class)
                .claimNext(token, replica, leases.lease().toMillis() / 1000.0, maxAttempts)
                .map(spec -> new ClaimedJob(jdbi, spec, token, embeddingModel));
    }

    private void run(ClaimedJob job) {
        try {
            runner.run(job);
        } catch (ApiException | ClaimedJob.LostClaim recorded) {
            // Recorded on the job (or it belongs to another run now); logged by the runner.
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.debug("Ingestion job {} ended: {}", job.id(), e.toString());
            }
        } finally {
            running.decrementAndGet();
            wake();
        }
    }

    private void failAbandoned() {
        List<UUID> failed = jdbi.inTransaction(handle -> {
            List<UUID> ids = handle.attach(IngestionJobDao.class).failAbandoned(leases.lease().toMillis() / 1000.0,
                    maxAttempts, ABANDONED, "the replica running this job stopped before it finished, " + maxAttempts
                            + " times; upload the document again");
            ids.forEach(id -> ClaimedJob.dropWork(handle, id));
            return ids;
        });
        if (!failed.isEmpty()) {
            LOG.warn("Ingestion jobs {} failed: their replicas stopped {} times", failed, maxAttempts);
        }
    }
}
