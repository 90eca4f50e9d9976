package com.genaiauto.rag.dao;

import com.genaiauto.rag.model.AnswerUnit;
import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The answer units of chunks (sentences, list items, table rows) and their embeddings. */
public interface ChunkUnitDao {

    @SqlBatch("""
            INSERT INTO chunk_units (chunk_id, ordinal, kind, text, context, embedding, embedding_model)
            VALUES (:chunkId, :ordinal, :kind, :text, :context, :embedding, :embeddingModel)""")
    void insertAll(@BindMethods List<UnitRow> units);

    /** The units of the given chunks; a unit embedded by another model comes without its vector. */
    @SqlQuery("""
            SELECT chunk_id, ordinal, kind, text, context,
                   CASE WHEN embedding_model = :model THEN embedding END AS embedding
            FROM chunk_units WHERE chunk_id = ANY(:chunkIds) ORDER BY chunk_id, ordinal""")
    @RegisterConstructorMapper(StoredUnit.class)
    List<StoredUnit> forChunks(@Bind("chunkIds") UUID[] chunkIds, @Bind("model") String model);

    @SqlBatch("UPDATE chunk_units SET embedding = :embedding, embedding_model = :embeddingModel "
            + "WHERE chunk_id = :chunkId AND ordinal = :ordinal")
    void updateEmbeddings(@BindMethods List<UnitRow> units);

    /** One row as written. */
    record UnitRow(UUID chunkId, int ordinal, String kind, String text, String context, PGvector embedding,
                   String embeddingModel) {
    }

    /** One row as read. */
    record StoredUnit(UUID chunkId, int ordinal, String kind, String text, String context, PGvector embedding) {

        public AnswerUnit toUnit() {
            return new AnswerUnit(chunkId, ordinal, AnswerUnit.Kind.fromWire(kind), text, context,
                    embedding == null ? null : embedding.toArray());
        }
    }
}
