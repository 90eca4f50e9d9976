package com.genaiauto.auth.service;

import com.genaiauto.platform.redis.RedisConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens revoked before their expiry (by logout), kept until they would have expired
 * anyway. Shared through Redis; also kept in this process so a revocation holds here while Redis
 * is down (other replicas then only learn of it once Redis is back).
 */
public final class TokenDenylist {

    private static final String PREFIX = "genai:revoked-jti:";
    private static final String SESSION_PREFIX = "genai:revoked-sid:";

    private final RedisConnector redis;
    private final Clock clock;
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    public TokenDenylist(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public void revoke(String tokenId, Instant expiresAt) {
        deny(PREFIX, tokenId, expiresAt);
    }

    /** Every access token of a sign-in session, issued until {@code lastExpiry}, is refused from now on. */
    public void revokeSession(String sessionId, Instant lastExpiry) {
        deny(SESSION_PREFIX, sessionId, lastExpiry);
    }

    private void deny(String prefix, String id, Instant expiresAt) {
        Instant now = clock.instant();
        if (id == null || expiresAt == null || !expiresAt.isAfter(now)) {
            return;
        }
        local.put(prefix + id, expiresAt);
        long seconds = Math.max(1, Duration.between(now, expiresAt).toSeconds() + 1);
        redis.connection().ifPresent(connection -> {
            try {
                connection.sync().setex(prefix + id, seconds, "1");
            } catch (RuntimeException ignored) {
                // Held locally; Redis being down is reported by the health endpoint.
            }
        });
        purgeExpired(now);
    }

    public boolean isRevoked(String tokenId) {
        return isRevoked(tokenId, null);
    }

    /** True when the token, or the session it belongs to, was revoked: one Redis round-trip for both. */
    public boolean isRevoked(String tokenId, String sessionId) {
        java.util.List<String> keys = new java.util.ArrayList<>(2);
        if (tokenId != null) {
            keys.add(PREFIX + tokenId);
        }
        if (sessionId != null) {
            keys.add(SESSION_PREFIX + sessionId);
        }
        if (keys.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (keys.stream().map(local::get).anyMatch(expiry -> expiry != null && expiry.isAfter(now))) {
            return true;
        }
        return redis.connection().map(connection -> {
            try {
                return connection.sync().exists(keys.toArray(String[]::new)) > 0;
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    private void purgeExpired(Instant now) {
        if (local.size() > 10_000) {
            local.values().removeIf(expiry -> !expiry.isAfter(now));
        }
    }
}
