package com.genaiauto.rag.model;

import java.time.Instant;
import java.util.UUID;

/** One retrieval evaluation run and its aggregate figures (null until it has finished). */
public record EvalRun(UUID id, String dataset, SearchMode mode, int topK, String status, int questionCount,
                      int completedCount, String embeddingModel, Double hitAt1, Double hitAtK, Double mrr,
                      Double precisionAtK, Double faithfulness, String errorMessage, Instant createdAt,
                      Instant finishedAt) {
}
