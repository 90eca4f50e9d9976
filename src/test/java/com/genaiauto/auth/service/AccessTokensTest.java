package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Access tokens")
class AccessTokensTest {

    private static final String SECRET = "k7Qm2x9PzR4vT8wY1bN6cF3hJ5sL0dGa-test-secret";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final UUID USER = UUID.randomUUID();

    private final AccessTokens tokens = tokensAt(NOW);

    private static AccessTokens tokensAt(Instant instant) {
        return new AccessTokens(SECRET, "genai-auto", Duration.ofMinutes(30), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void shouldCarrySubjectRoleIssuedAtExpiryAndTokenId() {
        String token = tokens.issue(USER, Email.of("dana@example.com"), Role.AGENT);
        AuthenticatedUser user = tokens.verify(token).orElseThrow();
        assertThat(user.userId()).isEqualTo(USER);
        assertThat(user.role()).isEqualTo(Role.AGENT);
        assertThat(user.tokenId()).isNotBlank();
        assertThat(user.tokenExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Nested
    @DisplayName("attacks")
    class Attacks {

        @Test
        void shouldRejectUnsignedAlgNoneTokens() {
            String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            String payload = b64("{\"iss\":\"genai-auto\",\"aud\":\"genai-auto-api\",\"sub\":\"" + USER
                    + "\",\"role\":\"admin\",\"jti\":\"x\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                    + NOW.plusSeconds(600).getEpochSecond() + "}");
            assertThat(tokens.verify(header + "." + payload + ".")).isEmpty();
        }

        @Test
        void shouldRejectATokenSignedWithAnotherKey() {
            String forged = Jwts.builder().issuer("genai-auto").audience().add("genai-auto-api").and()
                    .subject(USER.toString()).id("x").claim("role", "admin")
                    .issuedAt(Date.from(NOW)).expiration(Date.from(NOW.plusSeconds(600)))
                    .signWith(Keys.hmacShaKeyFor("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)))
                    .compact();
            assertThat(tokens.verify(forged)).isEmpty();
        }

        @Test
        void shouldRejectTamperedClaims() {
            String token = tokens.issue(USER, Email.of("dana@example.com"), Role.CUSTOMER);
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"role\":\"customer\"", "\"role\":\"admin\"");
            assertThat(payload).contains("\"role\":\"admin\"");
            assertThat(tokens.verify(parts[0] + "." + b64(payload) + "." + parts[2])).isEmpty();
        }

        @Test
        void shouldRejectAnExpiredToken() {
            String token = tokens.issue(USER, Email.of("dana@example.com"), Role.CUSTOMER);
            assertThat(tokensAt(NOW.plus(Duration.ofMinutes(31))).verify(token)).isEmpty();
        }

        @Test
        void shouldRejectATokenNotYetValid() {
            String token = tokensAt(NOW.plus(Duration.ofMinutes(5))).issue(USER, Email.of("dana@example.com"), Role.CUSTOMER);
            assertThat(tokens.verify(token)).isEmpty();
        }

        @Test
        void shouldRejectAnotherIssuersToken() {
            String token = new AccessTokens(SECRET, "someone-else", Duration.ofMinutes(30),
                    Clock.fixed(NOW, ZoneOffset.UTC)).issue(USER, Email.of("dana@example.com"), Role.ADMIN);
            assertThat(tokens.verify(token)).isEmpty();
        }

        @Test
        void shouldRejectGarbage() {
            assertThat(tokens.verify("not-a-token")).isEmpty();
            assertThat(tokens.verify("")).isEmpty();
            assertThat(tokens.verify(null)).isEmpty();
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
