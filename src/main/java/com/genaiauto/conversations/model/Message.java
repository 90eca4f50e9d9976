package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored message: the owner's ({@code user}), the assistant's, or a human agent's
 * ({@code agent}). Sources and tool calls are JSON arrays.
 */
public record Message(UUID id, UUID conversationId, MessageRole role, String content, String agent, Double confidence,
                      @JsonRawValue String sources, @JsonRawValue String toolCalls, Integer latencyMs,
                      Integer promptTokens, Integer completionTokens, BigDecimal cost, Integer feedbackRating,
                      String feedbackComment, UUID replyTo, Instant createdAt, boolean degraded) {
}
