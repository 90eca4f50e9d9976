package com.genaiauto.auth.model;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The caller of a request, as proven by a verified access token. */
public record AuthenticatedUser(UUID userId, String email, Role role, String tokenId, Instant tokenIssuedAt,
                                Instant tokenExpiresAt, String sessionId) implements Principal {

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** A caller acting inside the service (e.g. the assistant on a customer's behalf). */
    public static AuthenticatedUser internal(UUID userId, Role role) {
        return new AuthenticatedUser(userId, null, role, null, null, null, null);
    }

    @Override
    public String getName() {
        return userId.toString();
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }
}
