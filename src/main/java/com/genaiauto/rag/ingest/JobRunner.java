package com.genaiauto.rag.ingest;

import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.rag.dao.IngestionJobDao;
import com.genaiauto.rag.model.IngestionJob;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.service.DocumentIngestion;
import com.genaiauto.rag.service.Upload;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job to its end: published, failed with a reason the uploader can read, or
 * handed back to the queue when this replica is stopping. Throws what ended it, after recording it.
 */
final class JobRunner {

    static final String INTERNAL = "internal_error";
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final DocumentIngestion ingestion;
    private final JobLeases leases;
    private final IngestionMetrics metrics;
    private final BooleanSupplier stopping;

    JobRunner(DocumentIngestion ingestion, JobLeases leases, IngestionMetrics metrics, BooleanSupplier stopping) {
        this.ingestion = ingestion;
        this.leases = leases;
        this.metrics = metrics;
        this.stopping = stopping;
    }

    IngestionResult run(ClaimedJob job) {
        leases.hold(job.token());
        long started = System.nanoTime();
        try {
            job.clearStaged();
            IngestionResult result = ingestion.run(upload(job), job.spec().mediaType(), job);
            metrics.finished(true, System.nanoTime() - started);
            return result;
        } catch (ClaimedJob.LostClaim e) {
            LOG.warn("Ingestion job {} was claimed by another run; this run stopped", job.id());
            throw e;
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean() && job.release()) {
                LOG.info("Ingestion job {} handed back to the queue: this replica is stopping", job.id());
                throw e;
            }
            IngestionJob.Failure failure = failure(job, e);
            if (job.fail(failure.code(), failure.message())) {
                metrics.finished(false, System.nanoTime() - started);
            }
            throw e;
        } finally {
            leases.drop(job.token());
        }
    }

    private static Upload upload(ClaimedJob job) {
        IngestionJobDao.JobSpec spec = job.spec();
        return new Upload(job.content(), spec.mediaType(), spec.fileName(), spec.title(), spec.docType(),
                spec.sourceName(), spec.make(), spec.model(), spec.yearFrom(), spec.yearTo(), spec.uploadedBy());
    }

    /** Domain failures say why in their own words; anything else is logged, and the job names the log. */
    private static IngestionJob.Failure failure(ClaimedJob job, RuntimeException e) {
        if (e instanceof ApiException known) {
            LOG.info("Ingestion job {} failed: {} ({})", job.id(), known.code(), known.getMessage());
            return new IngestionJob.Failure(known.code(), known.getMessage());
        }
        LOG.error("Ingestion job {} failed", job.id(), e);
        return new IngestionJob.Failure(INTERNAL, "the document could not be ingested because of an error in the "
                + "service; its log has the details under job " + job.id());
    }
}
