package com.genaiauto.rag.service;

import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.dao.ChunkDao;
import com.genaiauto.rag.dao.DocumentDao;
import com.genaiauto.rag.model.DocumentList;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.KnowledgeBaseStats;
import com.genaiauto.rag.model.KnowledgeDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Read side of the knowledge base: listings and statistics. */
public final class DocumentCatalog {

    private final Jdbi jdbi;
    private final String embeddingModel;

    public DocumentCatalog(Jdbi jdbi, String embeddingModel) {
        this.jdbi = jdbi;
        this.embeddingModel = embeddingModel;
    }

    public DocumentList list(DocumentType type, String model, PageRequest page) {
        return jdbi.inTransaction(handle -> {
            DocumentDao documents = handle.attach(DocumentDao.class);
            String typeFilter = type == null ? null : type.wire();
            String modelFilter = model == null || model.isBlank() ? null : model.trim();
            return new DocumentList(documents.list(typeFilter, modelFilter, page.limit(), page.offset()),
                    documents.count(typeFilter, modelFilter), page.limit(), page.offset(), stats(handle));
        });
    }

    public Optional<KnowledgeDocument> get(UUID id) {
        return jdbi.onDemand(DocumentDao.class).findById(id);
    }

    public KnowledgeBaseStats stats() {
        return jdbi.inTransaction(this::stats);
    }

    private KnowledgeBaseStats stats(org.jdbi.v3.core.Handle handle) {
        DocumentDao documents = handle.attach(DocumentDao.class);
        ChunkDao chunks = handle.attach(ChunkDao.class);
        Map<String, Long> byType = new LinkedHashMap<>();
        documents.countByType().forEach(row -> byType.put(row.key(), row.value()));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        documents.countByStatus().forEach(row -> byStatus.put(row.key(), row.value()));
        return new KnowledgeBaseStats(byType.values().stream().mapToLong(Long::longValue).sum(), chunks.count(),
                byType, byStatus, embeddingModel, chunks.countNotEmbeddedWith(embeddingModel),
                documents.lastUpdated().orElse(null));
    }
}
