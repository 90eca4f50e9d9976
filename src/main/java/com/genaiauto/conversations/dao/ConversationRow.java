package com.genaiauto.conversations.dao;

import java.time.Instant;
import java.util.UUID;

/** A conversation as stored; its tokens and cost live in the cost ledger, not here. */
public record ConversationRow(UUID id, UUID userId, UUID vehicleId, String title,
                              com.genaiauto.conversations.model.ConversationStatus status, String summary,
                              Instant createdAt, Instant updatedAt) {
}
