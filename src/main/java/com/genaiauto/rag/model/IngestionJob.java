package com.genaiauto.rag.model;

import java.time.Instant;
import java.util.UUID;

/**
 * An upload being ingested in the background, as clients see it: how far it got (chunks embedded
 * of the total, known once the file is parsed), the document it produced and how ({@code outcome}),
 * or why it failed.
 */
public record IngestionJob(UUID id, String fileName, JobStatus status, long bytes, Integer chunksTotal,
                           int chunksEmbedded, UUID documentId, IngestionResult.Outcome outcome, Failure error,
                           Instant createdAt, Instant updatedAt) {

    /** Why a job failed: a stable code and a message safe to show the uploader. */
    public record Failure(String code, String message) {
    }
}
