package com.genaiauto.auth.model;

import java.time.Instant;
import java.util.UUID;

/** What clients see of an account. */
public record UserView(UUID id, String email, Role role, String displayName, Instant createdAt) {
}
