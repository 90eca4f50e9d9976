package com.genaiauto.rag.ingest;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.dao.IngestionJobDao;
import com.genaiauto.rag.model.IngestionJob;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.service.DocumentIngestion;
import com.genaiauto.rag.service.Upload;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Ingestion as jobs kept in PostgreSQL: an upload is checked, stored and queued at once, and run
 * in the background by whichever replica claims it; its progress is read from the job.
 */
public final class IngestionJobs {

    private final Jdbi jdbi;
    private final DocumentIngestion ingestion;
    private final String replica;
    private final JobLeases leases;
    private final IngestionWorker worker;

    /** Settings: jobs run at once per replica, the lease a heartbeat renews, how often to look for work, attempts per job. */
    public record Settings(int slots, Duration lease, Duration pollInterval, int maxAttempts) {
    }

    public IngestionJobs(Jdbi jdbi, DocumentIngestion ingestion, Settings settings, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.ingestion = ingestion;
        this.replica = System.getenv().getOrDefault("HOSTNAME", "replica") + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.leases = new JobLeases(jdbi, settings.lease());
        this.worker = new IngestionWorker(jdbi, leases, ingestion, new IngestionMetrics(metrics, jdbi), replica,
                settings);
    }

    /** What the service starts and stops: the heartbeat first, then the worker (stopped in reverse). */
    public List<Managed> lifecycle() {
        return List.of(leases, worker);
    }

    /** Checks an upload, stores it and queues it; returns the queued job. */
    public IngestionJob submit(Upload upload) {
        IngestionJobDao.JobSpec spec = spec(upload, ingestion.check(upload));
        IngestionJob queued = jdbi.inTransaction(handle -> {
            IngestionJobDao jobs = handle.attach(IngestionJobDao.class);
            IngestionJob inserted = jobs.insert(spec);
            jobs.insertUpload(spec.id(), upload.content());
            return inserted;
        });
        worker.wake();
        return queued;
    }

    /**
     * Ingests an upload on the caller's thread (seeding the demo knowledge base): the same job,
     * claimed by its submitter from the start, so it is listed and leaves nothing half-written.
     */
    public IngestionResult ingest(Upload upload) {
        IngestionJobDao.JobSpec spec = spec(upload, ingestion.check(upload));
        UUID token = UUID.randomUUID();
        jdbi.useTransaction(handle -> {
            IngestionJobDao jobs = handle.attach(IngestionJobDao.class);
            jobs.insertClaimed(spec, token, replica);
            jobs.insertUpload(spec.id(), upload.content());
        });
        return worker.runHere(new ClaimedJob(jdbi, spec, token, ingestion.embeddingModel()));
    }

    public Optional<IngestionJob> find(UUID id) {
        return jdbi.onDemand(IngestionJobDao.class).find(id);
    }

    /** Newest first. */
    public Page<IngestionJob> list(PageRequest page) {
        return jdbi.inTransaction(handle -> {
            IngestionJobDao jobs = handle.attach(IngestionJobDao.class);
            return Page.of(jobs.recent(page.limit(), page.offset()), jobs.count(), page);
        });
    }

    /** Housekeeping: finished jobs older than {@code days}. */
    public long deleteFinishedOlderThan(int days) {
        return jdbi.onDemand(IngestionJobDao.class).deleteFinishedOlderThan(days);
    }

    private static IngestionJobDao.JobSpec spec(Upload upload, String mediaType) {
        return new IngestionJobDao.JobSpec(UUID.randomUUID(), blankToNull(upload.fileName()), mediaType,
                upload.content().length, blankToNull(upload.title()), upload.type(), blankToNull(upload.sourceName()),
                blankToNull(upload.make()), blankToNull(upload.model()), upload.yearFrom(), upload.yearTo(),
                upload.uploadedBy());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
