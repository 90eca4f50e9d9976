package com.genaiauto.customers.model;

import java.time.Instant;
import java.util.UUID;

/** A vehicle owner's profile, optionally linked to a login. */
public record Customer(UUID id, UUID userId, String fullName, String email, String phone, String preferredDealer,
                       Instant createdAt, Instant updatedAt) {
}
