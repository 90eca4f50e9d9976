package com.genaiauto.auth.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as listed: never the key itself, only its prefix for recognition. */
public record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, UUID ownerUserId,
                         Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

    public ApiKeyView {
        scopes = List.copyOf(scopes);
    }
}
