package com.genaiauto.auth.service;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Signs and verifies access tokens: HS256 JWTs with subject, role, issued-at, expiry and a token
 * id. Verification accepts only tokens signed with our key by our issuer for our audience; jjwt
 * rejects unsigned ({@code alg: none}) tokens and other algorithms outright.
 */
public final class AccessTokens {

    private static final String AUDIENCE = "genai-auto-api";
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final SecretKey key;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(String secret, String issuer, Duration lifetime, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(UUID userId, Email email, Role role) {
        return issue(userId, email, role, null);
    }

    /**
     * An access token of one sign-in session ({@code sid}, the refresh-token family): when that
     * session ends or its refresh token is replayed, every access token it issued is refused.
     */
    public String issue(UUID userId, Email email, Role role, UUID sessionId) {
        Instant now = clock.instant();
        var builder = Jwts.builder();
        if (sessionId != null) {
            builder.claim("sid", sessionId.toString());
        }
        return builder
                .issuer(issuer)
                .audience().add(AUDIENCE).and()
                .subject(userId.toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .claim("role", role.wireName())
                .claim("email", email.value())
                // "iat" has whole seconds; "log out everywhere" must tell apart tokens of one second.
                .claim("iat_ms", now.toEpochMilli())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    private static java.time.Instant issuedAt(Claims claims) {
        Object millis = claims.get("iat_ms");
        return millis instanceof Number number ? java.time.Instant.ofEpochMilli(number.longValue())
                : claims.getIssuedAt().toInstant();
    }

    /** The caller, or empty when the token is malformed, forged, expired or not yet valid. */
    public Optional<AuthenticatedUser> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(issuer)
                    .requireAudience(AUDIENCE)
                    .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            if (claims.getId() == null || claims.getExpiration() == null || claims.getIssuedAt() == null) {
                return Optional.empty();
            }
            return Optional.of(new AuthenticatedUser(UUID.fromString(claims.getSubject()),
                    claims.get("email", String.class), Role.parse(claims.get("role", String.class)),
                    claims.getId(), issuedAt(claims), claims.getExpiration().toInstant(), claims.get("sid", String.class)));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
