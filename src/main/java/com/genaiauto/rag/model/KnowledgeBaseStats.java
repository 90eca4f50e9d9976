package com.genaiauto.rag.model;

import java.time.Instant;
import java.util.Map;

/** Size and state of the knowledge base, shown with the document listing. */
public record KnowledgeBaseStats(long documents, long chunks, Map<String, Long> documentsByType,
                                 Map<String, Long> documentsByStatus, String embeddingModel,
                                 long chunksNeedingEmbedding, Instant lastUpdated) {
}
