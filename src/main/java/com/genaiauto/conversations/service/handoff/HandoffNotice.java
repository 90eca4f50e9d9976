package com.genaiauto.conversations.service.handoff;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A conversation handed to a human: what the support team's webhook receives.
 *
 * @param handoffId      the handoff record
 * @param conversationId the conversation to take over
 * @param userId         the vehicle owner
 * @param reason         one of {@link #LOW_CONFIDENCE}, {@link #SAFETY}, {@link #USER_REQUEST},
 *                       {@link #PROVIDERS_UNAVAILABLE}
 * @param summary        a short summary of the conversation, already PII-masked by the caller
 * @param createdAt      when the handoff was created
 */
public record HandoffNotice(UUID handoffId, UUID conversationId, UUID userId, String reason, String summary,
                            Instant createdAt) {

    public static final String LOW_CONFIDENCE = "low_confidence";
    public static final String SAFETY = "safety";
    public static final String USER_REQUEST = "user_request";
    public static final String PROVIDERS_UNAVAILABLE = "providers_unavailable";
    public static final Set<String> REASONS = Set.of(LOW_CONFIDENCE, SAFETY, USER_REQUEST, PROVIDERS_UNAVAILABLE);

    public HandoffNotice {
        Objects.requireNonNull(handoffId, "handoffId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("Unknown handoff reason '" + reason + "', expected one of " + REASONS);
        }
        summary = summary == null ? "" : summary;
    }
}
