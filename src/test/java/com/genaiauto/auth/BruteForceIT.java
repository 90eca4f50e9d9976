package com.genaiauto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Accounts.Session;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Brute force: lockout and rate limits, with and without Redis")
class BruteForceIT {

    private static final int MAX_FAILED = 3;
    private static final int PER_ACCOUNT_PER_MINUTE = 6;

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("redis.reconnectInterval", "100ms")
            .set("auth.lockout.maxFailedAttempts", Integer.toString(MAX_FAILED))
            .set("auth.lockout.duration", "10 minutes")
            .set("auth.rateLimits.loginPerAccountPerMinute", Integer.toString(PER_ACCOUNT_PER_MINUTE)));

    static final TestDatabase DATABASE = APP.database();
    static final PrivateRedis REDIS = APP.redis();

    private final Api api = new Api(APP.port());

    @AfterEach
    void restartRedis() {
        REDIS.start();
    }

    @Test
    void shouldLockTheAccountOnTheNthFailedLoginWithRetryAfter() throws Exception {
        Session owner = new Accounts(api).aCustomer().register();
        for (int attempt = 1; attempt < MAX_FAILED; attempt++) {
            assertThat(wrongLogin(owner.email()).status()).as("attempt %d", attempt).isEqualTo(401);
        }

        Api.Reply nth = wrongLogin(owner.email());
        assertThat(nth.status()).isEqualTo(429);
        assertThat(nth.errorCode()).isEqualTo("account_locked");
        assertThat(Long.parseLong(nth.header("Retry-After"))).isBetween(500L, 600L);

        Api.Reply rightPassword = api.post("/api/v1/auth/login",
                Map.of("email", owner.email(), "password", Accounts.PASSWORD), null);
        assertThat(rightPassword.status()).as("locked even with the right password").isEqualTo(429);
        assertThat(auditCount("auth.lockout", owner)).isEqualTo(1);
    }

    @Test
    void shouldLockAnAddressWithoutAccountExactlyLikeARealAccount() {
        Session owner = new Accounts(api).aCustomer().register();
        String nobody = Accounts.uniqueEmail("nobody-locked");

        for (int attempt = 1; attempt <= MAX_FAILED + 1; attempt++) {
            Api.Reply known = wrongLogin(owner.email());
            Api.Reply unknown = wrongLogin(nobody);
            assertThat(unknown.status()).as("attempt %d: %s / %s", attempt, known, unknown).isEqualTo(known.status());
            assertThat(unknown.errorCode()).isEqualTo(known.errorCode());
            assertThat(unknown.json().path("error").path("message").asText())
                    .isEqualTo(known.json().path("error").path("message").asText());
            assertThat(unknown.header("WWW-Authenticate")).isEqualTo(known.header("WWW-Authenticate"));
            assertThat(unknown.header("Retry-After") == null).isEqualTo(known.header("Retry-After") == null);
            if (known.header("Retry-After") != null) {
                assertThat(Long.parseLong(unknown.header("Retry-After")))
                        .isCloseTo(Long.parseLong(known.header("Retry-After")), org.assertj.core.data.Offset.offset(2L));
            }
        }
        assertThat(wrongLogin(nobody).errorCode()).isEqualTo("account_locked");
        // Only an account's own password ends its lock; no password ends an address's.
        Api.Reply anyPassword = api.post("/api/v1/auth/login", Map.of("email", nobody, "password", Accounts.PASSWORD), null);
        assertThat(anyPassword.status()).isEqualTo(429);
        assertThat(anyPassword.errorCode()).isEqualTo("account_locked");
    }

    @Test
    void shouldSpendAboutAsLongOnAnAddressWithoutAccountAsOnAWrongPassword() {
        Session owner = new Accounts(api).aCustomer().register();
        long[] known = new long[MAX_FAILED - 1];
        long[] unknown = new long[MAX_FAILED - 1];
        String nobody = Accounts.uniqueEmail("nobody-timed");
        for (int attempt = 0; attempt < MAX_FAILED - 1; attempt++) {
            long start = System.nanoTime();
            assertThat(wrongLogin(owner.email()).status()).isEqualTo(401);
            known[attempt] = System.nanoTime() - start;
            start = System.nanoTime();
            assertThat(wrongLogin(nobody).status()).isEqualTo(401);
            unknown[attempt] = System.nanoTime() - start;
        }
        // Both verify one Argon2id hash; skipping it for unknown addresses would make them several times faster.
        assertThat(java.util.Arrays.stream(unknown).min().orElseThrow())
                .isGreaterThan(java.util.Arrays.stream(known).min().orElseThrow() / 2);
    }

    @Test
    void shouldResetTheFailureCountAfterASuccessfulLogin() {
        Session owner = new Accounts(api).aCustomer().register();
        for (int attempt = 1; attempt < MAX_FAILED; attempt++) {
            wrongLogin(owner.email());
        }
        assertThat(api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", Accounts.PASSWORD), null)
                .status()).isEqualTo(200);
        assertThat(wrongLogin(owner.email()).status()).isEqualTo(401);
    }

    @Test
    void shouldRateLimitLoginsPerAccountThroughRedis() {
        String email = Accounts.uniqueEmail("nobody");
        int limitedAt = firstLimitedAttempt(email, PER_ACCOUNT_PER_MINUTE + 3);
        assertThat(limitedAt).isEqualTo(PER_ACCOUNT_PER_MINUTE + 1);
    }

    @Test
    void shouldKeepLimitingInProcessWhileRedisIsDown() {
        REDIS.stop();
        awaitRedisState("disconnected");

        String email = Accounts.uniqueEmail("nobody-offline");
        Api.Reply limited = null;
        int limitedAt = -1;
        for (int attempt = 1; attempt <= PER_ACCOUNT_PER_MINUTE + 3; attempt++) {
            Api.Reply reply = wrongLogin(email);
            if (reply.status() == 429 && !"account_locked".equals(reply.errorCode())) {
                limited = reply;
                limitedAt = attempt;
                break;
            }
            // The address is locked at its MAX_FAILED-th failure, as an account would be.
            assertLockedFrom(reply, attempt);
        }
        assertThat(limitedAt).isEqualTo(PER_ACCOUNT_PER_MINUTE + 1);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    private int firstLimitedAttempt(String email, int maxAttempts) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Api.Reply reply = wrongLogin(email);
            if (reply.status() == 429 && !"account_locked".equals(reply.errorCode())) {
                assertThat(reply.errorCode()).isEqualTo("rate_limited");
                assertThat(reply.header("Retry-After")).isNotBlank();
                return attempt;
            }
            assertLockedFrom(reply, attempt);
        }
        return -1;
    }

    /** Before the lockout a wrong password is 401; from the MAX_FAILED-th failure on, 429 account_locked. */
    private static void assertLockedFrom(Api.Reply reply, int attempt) {
        if (attempt < MAX_FAILED) {
            assertThat(reply.status()).as("attempt %d: %s", attempt, reply).isEqualTo(401);
        } else {
            assertThat(reply.status()).as("attempt %d: %s", attempt, reply).isEqualTo(429);
            assertThat(reply.errorCode()).isEqualTo("account_locked");
        }
    }

    private Api.Reply wrongLogin(String email) {
        return api.post("/api/v1/auth/login", Map.of("email", email, "password", "Wrong-password-99"), null);
    }

    private void awaitRedisState(String state) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (state.equals(api.get("/health", null).json().path("services").path("redis").asText())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("redis never became " + state);
    }

    private static int auditCount(String action, Session user) throws Exception {
        try (Connection connection = DATABASE.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM audit_log WHERE action = ? AND target_id = ?")) {
            statement.setString(1, action);
            statement.setString(2, user.userId().toString());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
