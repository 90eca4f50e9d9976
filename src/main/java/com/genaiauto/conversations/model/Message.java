package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.genaiauto.conversations.agent.ToolCall;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored message: the owner's ({@code user}), the assistant's, or a human agent's
 * ({@code agent}). Sources and tool calls are JSON arrays.
 */
public record Message(UUID id, UUID conversationId, MessageRole role, String content, String agent, Double confidence,
                      @Schema(implementation = Source[].class) @JsonRawValue String sources,
                      @Schema(implementation = ToolCall[].class) @JsonRawValue String toolCalls,
                      Integer latencyMs,
                      Integer promptTokens, Integer completionTokens, BigDecimal cost, Integer feedbackRating,
                      String feedbackComment, UUID replyTo, Instant createdAt, boolean degraded) {
}
