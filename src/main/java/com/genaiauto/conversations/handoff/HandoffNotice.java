package com.genaiauto.conversations.handoff;

import com.genaiauto.conversations.model.HandoffReason;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation handed to a human: what the support team's webhook receives.
 *
 * @param handoffId      the handoff record
 * @param conversationId the conversation to take over
 * @param userId         the vehicle owner
 * @param reason         why it was handed over
 * @param summary        a short summary of the conversation, already PII-masked by the caller
 * @param createdAt      when the handoff was created
 */
public record HandoffNotice(UUID handoffId, UUID conversationId, UUID userId, HandoffReason reason, String summary,
                            Instant createdAt) {

    public HandoffNotice {
        Objects.requireNonNull(handoffId, "handoffId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        summary = summary == null ? "" : summary;
    }
}
