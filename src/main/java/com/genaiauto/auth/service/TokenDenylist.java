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

    private final RedisConnector redis;
    private final Clock clock;
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    public TokenDenylist(RedisConnector redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public void revoke(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        if (tokenId == null || expiresAt == null || !expiresAt.isAfter(now)) {
            return;
        }
        local.put(tokenId, expiresAt);
        long seconds = Math.max(1, Duration.between(now, expiresAt).toSeconds() + 1);
        redis.connection().ifPresent(connection -> {
            try {
                connection.sync().setex(PREFIX + tokenId, seconds, "1");
            } catch (RuntimeException ignored) {
                // Held locally; Redis being down is reported by the health endpoint.
            }
        });
        purgeExpired(now);
    }

    public boolean isRevoked(String tokenId) {
        if (tokenId == null) {
            return false;
        }
        Instant localExpiry = local.get(tokenId);
        if (localExpiry != null && localExpiry.isAfter(clock.instant())) {
            return true;
        }
        return redis.connection().map(connection -> {
            try {
                return connection.sync().exists(PREFIX + tokenId) > 0;
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
