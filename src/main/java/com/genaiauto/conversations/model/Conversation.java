package com.genaiauto.conversations.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A chat session as listed to its owner (and to agents), with what its model calls cost. */
public record Conversation(UUID id, UUID userId, UUID vehicleId, String title, ConversationStatus status,
                           String summary,
                           long totalTokens, BigDecimal totalCost, Instant createdAt, Instant updatedAt) {
}
