package com.genaiauto.auth.model;

import java.time.Instant;
import java.util.UUID;

/** A stored account. The password hash never leaves the auth module. */
public record User(UUID id, Email email, String passwordHash, Role role, String displayName, boolean active,
                   int failedLoginCount, Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public UserView view() {
        return new UserView(id, email.value(), role, displayName, createdAt);
    }
}
