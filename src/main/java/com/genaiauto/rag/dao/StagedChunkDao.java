package com.genaiauto.rag.dao;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Embedded chunks and answer units of a running job, kept beside the knowledge base until the
 * job publishes them (copied into document_chunks and chunk_units in the publishing transaction):
 * the service never holds a large document's vectors in memory, and search never sees them early.
 */
public interface StagedChunkDao {

    @SqlBatch("""
            INSERT INTO ingestion_staged_chunks (job_id, chunk_index, id, section, content, token_count, embedding)
            VALUES (:jobId, :chunkIndex, :id, :section, :content, :tokenCount, :embedding)""")
    void insertChunks(@Bind("jobId") UUID jobId, @BindMethods List<ChunkRow> chunks);

    @SqlBatch("""
            INSERT INTO ingestion_staged_units (job_id, chunk_id, ordinal, kind, text, context, embedding)
            VALUES (:jobId, :chunkId, :ordinal, :kind, :text, :context, :embedding)""")
    void insertUnits(@Bind("jobId") UUID jobId, @BindMethods List<ChunkUnitDao.UnitRow> units);

    @SqlQuery("SELECT count(*) FROM ingestion_staged_chunks WHERE job_id = :jobId")
    int countChunks(@Bind("jobId") UUID jobId);

    @SqlUpdate("""
            INSERT INTO document_chunks (id, document_id, chunk_index, section, content, token_count, embedding,
                                         embedding_model)
            SELECT id, :documentId, chunk_index, section, content, token_count, embedding, :model
            FROM ingestion_staged_chunks WHERE job_id = :jobId ORDER BY chunk_index""")
    int publishChunks(@Bind("jobId") UUID jobId, @Bind("documentId") UUID documentId, @Bind("model") String model);

    @SqlUpdate("""
            INSERT INTO chunk_units (chunk_id, ordinal, kind, text, context, embedding, embedding_model)
            SELECT chunk_id, ordinal, kind, text, context, embedding, :model
            FROM ingestion_staged_units WHERE job_id = :jobId""")
    int publishUnits(@Bind("jobId") UUID jobId, @Bind("model") String model);

    @SqlUpdate("DELETE FROM ingestion_staged_units WHERE job_id = :jobId")
    int deleteUnits(@Bind("jobId") UUID jobId);

    @SqlUpdate("DELETE FROM ingestion_staged_chunks WHERE job_id = :jobId")
    int deleteChunks(@Bind("jobId") UUID jobId);

    /** One embedded chunk as staged. */
    record ChunkRow(int chunkIndex, UUID id, String section, String content, int tokenCount, PGvector embedding) {
    }
}
