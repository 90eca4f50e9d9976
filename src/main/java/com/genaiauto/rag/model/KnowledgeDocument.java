package com.genaiauto.rag.model;

import java.time.Instant;
import java.util.UUID;

/** A document of the knowledge base as listed to administrators. */
public record KnowledgeDocument(UUID id, String title, DocumentType docType, String sourceName, String contentType,
                                String contentHash, String make, String model, Integer yearFrom, Integer yearTo,
                                VehicleOrigin vehicleOrigin, String status, int chunkCount, int sizeBytes, String embeddingModel,
                                String errorMessage, Instant createdAt, Instant updatedAt) {
}
