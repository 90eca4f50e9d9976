package com.genaiauto.rag.dao;

import com.genaiauto.rag.model.KnowledgeDocument;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(KnowledgeDocument.class)
public interface DocumentDao {

    String COLUMNS = "id, title, doc_type, source_name, content_type, content_hash, make, model, year_from, year_to, "
            + "vehicle_origin, status, chunk_count, size_bytes, embedding_model, error_message, created_at, updated_at";

    @SqlUpdate("""
            INSERT INTO documents (id, title, doc_type, source_name, content_type, content_hash, make, model,
                                   year_from, year_to, vehicle_origin, status, chunk_count, size_bytes,
                                   embedding_model, uploaded_by)
            VALUES (:id, :title, :docType, :sourceName, :contentType, :contentHash, :make, :model,
                    :yearFrom, :yearTo, :vehicleOrigin, 'ready', :chunkCount, :sizeBytes, :embeddingModel, :uploadedBy)""")
    void insert(@Bind("id") UUID id, @Bind("title") String title, @Bind("docType") String docType,
                @Bind("sourceName") String sourceName, @Bind("contentType") String contentType,
                @Bind("contentHash") String contentHash, @Bind("make") String make, @Bind("model") String model,
                @Bind("yearFrom") Integer yearFrom, @Bind("yearTo") Integer yearTo,
                @Bind("vehicleOrigin") String vehicleOrigin,
                @Bind("chunkCount") int chunkCount, @Bind("sizeBytes") int sizeBytes,
                @Bind("embeddingModel") String embeddingModel, @Bind("uploadedBy") UUID uploadedBy);

    @SqlUpdate("""
            UPDATE documents SET title = :title, doc_type = :docType, content_type = :contentType,
                   content_hash = :contentHash, make = :make, model = :model, year_from = :yearFrom,
                   year_to = :yearTo, vehicle_origin = :vehicleOrigin, status = 'ready', chunk_count = :chunkCount,
                   size_bytes = :sizeBytes,
                   embedding_model = :embeddingModel, error_message = NULL, uploaded_by = :uploadedBy,
                   updated_at = now()
            WHERE id = :id""")
    int replace(@Bind("id") UUID id, @Bind("title") String title, @Bind("docType") String docType,
                @Bind("contentType") String contentType, @Bind("contentHash") String contentHash,
                @Bind("make") String make, @Bind("model") String model, @Bind("yearFrom") Integer yearFrom,
                @Bind("yearTo") Integer yearTo, @Bind("vehicleOrigin") String vehicleOrigin,
                @Bind("chunkCount") int chunkCount, @Bind("sizeBytes") int sizeBytes,
                @Bind("embeddingModel") String embeddingModel, @Bind("uploadedBy") UUID uploadedBy);

    @SqlQuery("SELECT " + COLUMNS + " FROM documents WHERE id = :id")
    Optional<KnowledgeDocument> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM documents WHERE source_name = :sourceName FOR UPDATE")
    Optional<KnowledgeDocument> lockBySourceName(@Bind("sourceName") String sourceName);

    @SqlQuery("SELECT " + COLUMNS + " FROM documents WHERE content_hash = :hash")
    Optional<KnowledgeDocument> findByHash(@Bind("hash") String hash);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM documents
            WHERE (CAST(:docType AS text) IS NULL OR doc_type = :docType)
              AND (CAST(:model AS text) IS NULL OR lower(model) = lower(:model))
            ORDER BY title, id LIMIT :limit OFFSET :offset""")
    List<KnowledgeDocument> list(@Bind("docType") String docType, @Bind("model") String model,
                                 @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("""
            SELECT count(*) FROM documents
            WHERE (CAST(:docType AS text) IS NULL OR doc_type = :docType)
              AND (CAST(:model AS text) IS NULL OR lower(model) = lower(:model))""")
    long count(@Bind("docType") String docType, @Bind("model") String model);

    @SqlUpdate("DELETE FROM documents WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @RegisterConstructorMapper(KeyCount.class)
    @SqlQuery("SELECT doc_type AS key, count(*) AS value FROM documents GROUP BY doc_type ORDER BY doc_type")
    List<KeyCount> countByType();

    @RegisterConstructorMapper(KeyCount.class)
    @SqlQuery("SELECT status AS key, count(*) AS value FROM documents GROUP BY status ORDER BY status")
    List<KeyCount> countByStatus();

    @SqlUpdate("""
            UPDATE documents SET make = :make, model = :model, year_from = :yearFrom, year_to = :yearTo,
                   vehicle_origin = :origin, updated_at = now()
            WHERE id = :id""")
    int setVehicle(@Bind("id") UUID id, @Bind("make") String make, @Bind("model") String model,
                   @Bind("yearFrom") Integer yearFrom, @Bind("yearTo") Integer yearTo, @Bind("origin") String origin);

    /** Inference's write: only while nobody has declared the document's vehicle meanwhile. */
    @SqlUpdate("""
            UPDATE documents SET make = :make, model = :model, year_from = :yearFrom, year_to = :yearTo,
                   vehicle_origin = :origin, updated_at = now()
            WHERE id = :id AND vehicle_origin IN ('none', 'inferred')""")
    int setInferredVehicle(@Bind("id") UUID id, @Bind("make") String make, @Bind("model") String model,
                           @Bind("yearFrom") Integer yearFrom, @Bind("yearTo") Integer yearTo, @Bind("origin") String origin);

    /** Documents whose vehicle inference may revise: none was given, or inference set it. */
    @SqlQuery("SELECT " + COLUMNS + " FROM documents WHERE vehicle_origin IN ('none', 'inferred') ORDER BY id")
    List<KnowledgeDocument> revisable();

    /** The makes and models documents were tagged with by someone who knew (uploader, file, administrator). */
    @SqlQuery("""
            SELECT DISTINCT make, model, coalesce(year_from, 0) AS first_year, coalesce(year_to, 0) AS last_year
            FROM documents
            WHERE vehicle_origin IN ('given', 'front_matter', 'admin') AND make IS NOT NULL AND model IS NOT NULL""")
    @RegisterConstructorMapper(com.genaiauto.customers.model.VehicleModel.class)
    List<com.genaiauto.customers.model.VehicleModel> declaredModels();

    @SqlQuery("SELECT max(updated_at) FROM documents")
    Optional<java.time.Instant> lastUpdated();

    /** One row of a grouped count. */
    record KeyCount(String key, long value) {
    }
}
