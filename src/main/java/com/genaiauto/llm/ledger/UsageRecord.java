package com.genaiauto.llm.ledger;

import java.time.Instant;
import java.util.UUID;

/** One model call for the cost ledger (a row of {@code llm_usage}). */
public record UsageRecord(UUID id, String requestId, UUID conversationId, UUID userId, UUID apiKeyId,
                          String provider, String model, String profile, int promptTokens, int completionTokens,
                          boolean estimatedTokens, double costUsd, long latencyMs, String status, String errorType,
                          boolean cacheHit, Instant at) {
}
