package com.genaiauto.rag.dao;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface ChunkDao {

    @SqlBatch("""
            INSERT INTO document_chunks (id, document_id, chunk_index, section, content, token_count, embedding,
                                         embedding_model)
            VALUES (:id, :documentId, :chunkIndex, :section, :content, :tokenCount, :embedding, :embeddingModel)""")
    void insertAll(@Bind("id") List<UUID> ids, @Bind("documentId") UUID documentId,
                   @Bind("chunkIndex") List<Integer> indexes, @Bind("section") List<String> sections,
                   @Bind("content") List<String> contents, @Bind("tokenCount") List<Integer> tokenCounts,
                   @Bind("embedding") List<PGvector> embeddings, @Bind("embeddingModel") String embeddingModel);

    /** A document's text, chunk by chunk with its headings: what vehicle inference reads. */
    @SqlQuery("SELECT coalesce(section, '') || E'\\n' || content FROM document_chunks "
            + "WHERE document_id = :documentId ORDER BY chunk_index")
    List<String> textsOf(@Bind("documentId") UUID documentId);

    @SqlUpdate("DELETE FROM document_chunks WHERE document_id = :documentId")
    int deleteForDocument(@Bind("documentId") UUID documentId);

    @SqlQuery("SELECT count(*) FROM document_chunks")
    long count();

    @SqlQuery("SELECT count(*) FROM document_chunks WHERE embedding_model IS DISTINCT FROM :model")
    long countNotEmbeddedWith(@Bind("model") String model);

    /** A batch of chunks still embedded by another model, in a stable order so a rebuild can resume. */
    @SqlQuery("""
            SELECT id, section, content FROM document_chunks
            WHERE embedding_model IS DISTINCT FROM :model
            ORDER BY id LIMIT :limit""")
    @RegisterConstructorMapper(ChunkText.class)
    List<ChunkText> notEmbeddedWith(@Bind("model") String model, @Bind("limit") int limit);

    /** Every chunk after {@code after} in id order: a full rebuild walks the table with this cursor. */
    @SqlQuery("""
            SELECT id, section, content FROM document_chunks
            WHERE id > :after
            ORDER BY id LIMIT :limit""")
    @RegisterConstructorMapper(ChunkText.class)
    List<ChunkText> after(@Bind("after") UUID after, @Bind("limit") int limit);

    @SqlBatch("UPDATE document_chunks SET embedding = :embedding, embedding_model = :model WHERE id = :id")
    void updateEmbeddings(@Bind("id") List<UUID> ids, @Bind("embedding") List<PGvector> embeddings,
                          @Bind("model") String model);

    /** The text of a chunk to embed again. */
    record ChunkText(UUID id, String section, String content) {

        public String embeddingText() {
            return com.genaiauto.rag.parse.Chunk.embeddingText(section, content);
        }
    }
}
