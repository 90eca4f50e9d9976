package com.genaiauto.conversations.model;

import java.time.Instant;
import java.util.UUID;

/** A conversation handed to the human support team. */
public record Handoff(UUID id, UUID conversationId, UUID userId, HandoffReason reason, HandoffPriority priority,
                      HandoffStatus status,
                      UUID assignedAgentId, String summary, String webhookStatus, Instant createdAt,
                      Instant acceptedAt, Instant resolvedAt) {
}
