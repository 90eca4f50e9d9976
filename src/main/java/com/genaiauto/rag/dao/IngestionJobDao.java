package com.genaiauto.rag.dao;

import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.IngestionJob;
import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.model.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Ingestion jobs and their uploaded bytes. A run's writes name its claim token: once another run
 * has claimed the job (the first one's heartbeat stopped), they change nothing (0 rows).
 */
@RegisterRowMapper(IngestionJobDao.JobMapper.class)
public interface IngestionJobDao {

    // A text upload has no file name: its source name or title stands in.
    String COLUMNS = "id, coalesce(file_name, source_name, title) AS file_name, status, size_bytes, chunks_total, chunks_embedded, document_id, outcome, "
            + "error_code, error_message, created_at, updated_at";
    String SPEC_COLUMNS = "id, file_name, media_type, size_bytes, title, doc_type, source_name, make, model, "
            + "year_from, year_to, uploaded_by";
    String RUNNING = "('parsing', 'embedding')";
    String STALE = "status IN " + RUNNING + " AND heartbeat_at < now() - make_interval(secs => :leaseSeconds)";
    /** The name the document will have (as DocumentIngestion names it). */
    String NAME = "coalesce(j.source_name, j.file_name, j.title)";
    String NAME_OF_EARLIER = "coalesce(earlier.source_name, earlier.file_name, earlier.title)";

    /** Queues a job; returns it as queued. */
    @SqlQuery("""
            INSERT INTO ingestion_jobs (id, file_name, media_type, size_bytes, title, doc_type, source_name, make,
                                        model, year_from, year_to, uploaded_by)
            VALUES (:id, :fileName, :mediaType, :sizeBytes, :title, :docTypeWire, :sourceName, :make, :model,
                    :yearFrom, :yearTo, :uploadedBy)
            RETURNING""" + " " + COLUMNS)
    IngestionJob insert(@BindMethods JobSpec spec);

    /** A job its submitter runs itself (seeding): claimed from the start, so no worker takes it. */
    @SqlUpdate("""
            INSERT INTO ingestion_jobs (id, file_name, media_type, size_bytes, title, doc_type, source_name, make,
                                        model, year_from, year_to, uploaded_by, status, claim_token, claimed_by,
                                        attempts, heartbeat_at, started_at)
            VALUES (:s.id, :s.fileName, :s.mediaType, :s.sizeBytes, :s.title, :s.docTypeWire, :s.sourceName, :s.make,
                    :s.model, :s.yearFrom, :s.yearTo, :s.uploadedBy, 'parsing', :token, :replica, 1, now(), now())""")
    void insertClaimed(@BindMethods("s") JobSpec spec, @Bind("token") UUID token, @Bind("replica") String replica);

    @SqlUpdate("INSERT INTO ingestion_uploads (job_id, content) VALUES (:jobId, :content)")
    void insertUpload(@Bind("jobId") UUID jobId, @Bind("content") byte[] content);

    @SqlQuery("SELECT content FROM ingestion_uploads WHERE job_id = :jobId")
    Optional<byte[]> upload(@Bind("jobId") UUID jobId);

    @SqlUpdate("DELETE FROM ingestion_uploads WHERE job_id = :jobId")
    int deleteUpload(@Bind("jobId") UUID jobId);

    /**
     * Takes the oldest queued job, or one whose run stopped sending heartbeats and has attempts
     * left; rows another transaction holds are skipped, so two replicas never take the same job.
     * Uploads of one document name run one after the other, in the order they came: the newest
     * version is published last.
     */
    @SqlQuery("UPDATE ingestion_jobs SET status = 'parsing', claim_token = :token, claimed_by = :replica, "
            + "attempts = attempts + 1, heartbeat_at = now(), started_at = coalesce(started_at, now()), "
            + "chunks_total = NULL, chunks_embedded = 0, updated_at = now() "
            + "WHERE id = (SELECT id FROM ingestion_jobs j WHERE (status = 'queued' OR (" + STALE
            + " AND attempts < :maxAttempts)) AND NOT EXISTS (SELECT 1 FROM ingestion_jobs earlier "
            + "WHERE earlier.status IN ('queued', 'parsing', 'embedding') AND " + NAME_OF_EARLIER + " = " + NAME
            + " AND (earlier.created_at, earlier.id) < (j.created_at, j.id)) "
            + "ORDER BY created_at, id LIMIT 1 FOR UPDATE OF j SKIP LOCKED) "
            + "RETURNING " + SPEC_COLUMNS)
    @RegisterConstructorMapper(JobSpec.class)
    Optional<JobSpec> claimNext(@Bind("token") UUID token, @Bind("replica") String replica,
                                @Bind("leaseSeconds") double leaseSeconds, @Bind("maxAttempts") int maxAttempts);

    /** Jobs whose run stopped sending heartbeats and that have no attempt left: failed, ids returned. */
    @SqlQuery("UPDATE ingestion_jobs SET status = 'failed', claim_token = NULL, error_code = :code, "
            + "error_message = :message, finished_at = now(), updated_at = now() "
            + "WHERE id IN (SELECT id FROM ingestion_jobs WHERE " + STALE
            + " AND attempts >= :maxAttempts FOR UPDATE SKIP LOCKED) RETURNING id")
    List<UUID> failAbandoned(@Bind("leaseSeconds") double leaseSeconds, @Bind("maxAttempts") int maxAttempts,
                             @Bind("code") String code, @Bind("message") String message);

    /**
     * The sign of life of this replica's runs. A row locked by its run's own transaction is
     * skipped: that run is evidently alive, and waiting for it would hold up the others.
     */
    @SqlUpdate("""
            UPDATE ingestion_jobs SET heartbeat_at = now()
            WHERE id IN (SELECT id FROM ingestion_jobs WHERE claim_token = ANY(:tokens) FOR UPDATE SKIP LOCKED)""")
    int heartbeat(@Bind("tokens") UUID[] tokens);

    /** First statement of each of a run's transactions: locks the job if the run still holds it. */
    @SqlUpdate("UPDATE ingestion_jobs SET heartbeat_at = now() WHERE id = :id AND claim_token = :token")
    int hold(@Bind("id") UUID id, @Bind("token") UUID token);

    @SqlUpdate("""
            UPDATE ingestion_jobs SET status = 'embedding', chunks_total = :total, heartbeat_at = now(), updated_at = now()
            WHERE id = :id AND claim_token = :token""")
    int chunked(@Bind("id") UUID id, @Bind("token") UUID token, @Bind("total") int total);

    @SqlUpdate("""
            UPDATE ingestion_jobs SET chunks_embedded = chunks_embedded + :count, heartbeat_at = now(), updated_at = now()
            WHERE id = :id AND claim_token = :token""")
    int embedded(@Bind("id") UUID id, @Bind("token") UUID token, @Bind("count") int count);

    @SqlUpdate("""
            UPDATE ingestion_jobs SET status = 'done', claim_token = NULL, document_id = :documentId, outcome = :outcome,
                   chunks_embedded = coalesce(chunks_total, 0), finished_at = now(), updated_at = now()
            WHERE id = :id AND claim_token = :token""")
    int finish(@Bind("id") UUID id, @Bind("token") UUID token, @Bind("documentId") UUID documentId,
               @Bind("outcome") String outcome);

    @SqlUpdate("""
            UPDATE ingestion_jobs SET status = 'failed', claim_token = NULL, error_code = :code, error_message = :message,
                   finished_at = now(), updated_at = now()
            WHERE id = :id AND claim_token = :token""")
    int fail(@Bind("id") UUID id, @Bind("token") UUID token, @Bind("code") String code,
             @Bind("message") String message);

    /** A run stopped by a shutdown hands its job back; that run does not count as an attempt. */
    @SqlUpdate("""
            UPDATE ingestion_jobs SET status = 'queued', claim_token = NULL, claimed_by = NULL,
                   attempts = greatest(attempts - 1, 0), heartbeat_at = NULL, chunks_total = NULL,
                   chunks_embedded = 0, updated_at = now()
            WHERE id = :id AND claim_token = :token""")
    int release(@Bind("id") UUID id, @Bind("token") UUID token);

    @SqlQuery("SELECT " + COLUMNS + " FROM ingestion_jobs WHERE id = :id")
    Optional<IngestionJob> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ingestion_jobs ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
    List<IngestionJob> recent(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM ingestion_jobs")
    long count();

    @RegisterConstructorMapper(DocumentDao.KeyCount.class)
    @SqlQuery("SELECT status AS key, count(*) AS value FROM ingestion_jobs GROUP BY status")
    List<DocumentDao.KeyCount> countByStatus();

    /** Housekeeping: finished jobs older than {@code days} (their bytes and staged chunks went when they finished). */
    @SqlUpdate("DELETE FROM ingestion_jobs WHERE finished_at < now() - make_interval(days => :days)")
    int deleteFinishedOlderThan(@Bind("days") int days);

    /** What a job was asked to ingest: the file's name, type and size, and what the uploader said of it. */
    record JobSpec(UUID id, String fileName, String mediaType, long sizeBytes, String title, DocumentType docType,
                   String sourceName, String make, String model, Integer yearFrom, Integer yearTo, UUID uploadedBy) {

        public String docTypeWire() {
            return docType == null ? null : docType.wire();
        }
    }

    /** A row as clients see it. */
    final class JobMapper implements RowMapper<IngestionJob> {

        @Override
        public IngestionJob map(ResultSet rs, StatementContext ctx) throws SQLException {
            String outcome = rs.getString("outcome");
            String errorCode = rs.getString("error_code");
            return new IngestionJob(rs.getObject("id", UUID.class), rs.getString("file_name"),
                    JobStatus.fromWire(rs.getString("status")), rs.getLong("size_bytes"),
                    (Integer) rs.getObject("chunks_total"), rs.getInt("chunks_embedded"),
                    rs.getObject("document_id", UUID.class),
                    outcome == null ? null : IngestionResult.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)),
                    errorCode == null ? null : new IngestionJob.Failure(errorCode, rs.getString("error_message")),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        }
    }
}
