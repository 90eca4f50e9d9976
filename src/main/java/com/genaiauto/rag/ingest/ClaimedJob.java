package com.genaiauto.rag.ingest;

import com.genaiauto.platform.db.LongStatements;
import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.dao.IngestionJobDao;
import com.genaiauto.rag.dao.StagedChunkDao;
import com.genaiauto.rag.service.IngestionRun;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A job as one run holds it. Each write is a transaction that first locks the job under this
 * run's claim token: after another run has claimed the job, every write throws {@link LostClaim}
 * and changes nothing, so a job is never published twice.
 */
final class ClaimedJob implements IngestionRun {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final IngestionJobDao.JobSpec spec;
    private final UUID token;
    private final String embeddingModel;
    private int total;

    ClaimedJob(Jdbi jdbi, IngestionJobDao.JobSpec spec, UUID token, String embeddingModel) {
        this.jdbi = jdbi;
        this.spec = spec;
        this.token = token;
        this.embeddingModel = embeddingModel;
    }

    UUID id() {
        return spec.id();
    }

    UUID token() {
        return token;
    }

    IngestionJobDao.JobSpec spec() {
        return spec;
    }

    /** The uploaded bytes (kept until the job ends). */
    byte[] content() {
        return jdbi.onDemand(IngestionJobDao.class).upload(spec.id())
                .orElseThrow(() -> new IllegalStateException("the bytes of job " + spec.id() + " are gone"));
    }

    /** A new run starts from nothing: what an earlier run of this job staged goes. */
    void clearStaged() {
        jdbi.useTransaction(handle -> {
            hold(handle);
            clearStaged(handle);
        });
    }

    @Override
    public void chunked(int total) {
        this.total = total;
        jdbi.useTransaction(handle -> require(handle.attach(IngestionJobDao.class).chunked(spec.id(), token, total)));
    }

    @Override
    public void embedded(List<StagedChunkDao.ChunkRow> chunks, List<ChunkUnitDao.UnitRow> units) {
        jdbi.useTransaction(handle -> {
            require(handle.attach(IngestionJobDao.class).embedded(spec.id(), token, chunks.size()));
            StagedChunkDao staged = handle.attach(StagedChunkDao.class);
            staged.insertChunks(spec.id(), chunks);
            staged.insertUnits(spec.id(), units);
        });
    }

    @Override
    public Published publish(Function<Handle, Published> write) {
        // Publishing a 10 MiB manual inserts about 100,000 rows into vector indexes: seconds, at
        // times more than the pool's socket timeout allows a statement.
        return jdbi.inTransaction(handle -> LongStatements.allow(handle, PUBLISH_TIMEOUT, () -> {
            hold(handle);
            Published published = write.apply(handle);
            StagedChunkDao staged = handle.attach(StagedChunkDao.class);
            if (published.withChunks()) {
                int ready = staged.countChunks(spec.id());
                if (ready != total) {
                    throw new IllegalStateException("job " + spec.id() + " staged " + ready + " of " + total + " chunks");
                }
                staged.publishChunks(spec.id(), published.documentId(), embeddingModel);
                staged.publishUnits(spec.id(), embeddingModel);
            }
            dropWork(handle);
            require(handle.attach(IngestionJobDao.class).finish(spec.id(), token, published.documentId(),
                    published.outcome().wire()));
            return published;
        }));
    }

    /** Records why the job failed and drops what it staged; false if another run holds it now. */
    boolean fail(String code, String message) {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(IngestionJobDao.class).fail(spec.id(), token, code, message) == 0) {
                return false;
            }
            dropWork(handle);
            return true;
        });
    }

    /** Hands the job back to the queue (this replica is stopping); false if another run holds it now. */
    boolean release() {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(IngestionJobDao.class).release(spec.id(), token) == 0) {
                return false;
            }
            clearStaged(handle);
            return true;
        });
    }

    private void hold(Handle handle) {
        require(handle.attach(IngestionJobDao.class).hold(spec.id(), token));
    }

    private void clearStaged(Handle handle) {
        clearStaged(handle, spec.id());
    }

    private void dropWork(Handle handle) {
        dropWork(handle, spec.id());
    }

    private static void clearStaged(Handle handle, UUID jobId) {
        StagedChunkDao staged = handle.attach(StagedChunkDao.class);
        staged.deleteUnits(jobId);
        staged.deleteChunks(jobId);
    }

    /** What a finished job no longer needs: its staged rows and the uploaded bytes. */
    static void dropWork(Handle handle, UUID jobId) {
        clearStaged(handle, jobId);
        handle.attach(IngestionJobDao.class).deleteUpload(jobId);
    }

    private static void require(int updated) {
        if (updated == 0) {
            throw new LostClaim();
        }
    }

    /** Another run holds the job now (this run's heartbeat lapsed): this run stops and writes nothing. */
    static final class LostClaim extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LostClaim() {
            super("the job is held by another run", null, false, false);
        }
    }
}
