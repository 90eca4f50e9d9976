package com.genaiauto.auth.service;

import com.genaiauto.auth.AuthConfig;
import com.genaiauto.auth.dao.RefreshTokenDao;
import com.genaiauto.auth.dao.UserDao;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.model.TokenPair;
import com.genaiauto.auth.model.User;
import com.genaiauto.auth.model.UserView;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.AuthenticationRequiredException;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Accounts and sessions: registration, login with lockout, refresh-token rotation with reuse
 * detection, logout. Every multi-statement change runs in one transaction.
 */
public final class AuthService {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long after a refresh token's use the same token still counts as the client's own retry. */
    private static final int REUSE_GRACE_SECONDS = 10;

    private final Jdbi jdbi;
    private final UserDao users;
    private final RefreshTokenDao refreshTokens;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final TokenDenylist denylist;
    private final CredentialThrottle throttle;
    private final AuditLog audit;
    private final AuthConfig config;
    private final Clock clock;
    private final List<RegistrationListener> registrationListeners;
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Optional<UserDao.AccountState>> accountStates =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(Duration.ofSeconds(5)).build();

    public AuthService(Jdbi jdbi, PasswordHasher hasher, AccessTokens accessTokens, TokenDenylist denylist,
                       CredentialThrottle throttle, AuditLog audit, AuthConfig config, Clock clock,
                       List<RegistrationListener> registrationListeners) {
        this.jdbi = jdbi;
        this.users = jdbi.onDemand(UserDao.class);
        this.refreshTokens = jdbi.onDemand(RefreshTokenDao.class);
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.denylist = denylist;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.registrationListeners = new CopyOnWriteArrayList<>(registrationListeners);
    }

    public void addRegistrationListener(RegistrationListener listener) {
        registrationListeners.add(listener);
    }

    /** Called inside the registration transaction, e.g. to create the owner's customer profile. */
    @FunctionalInterface
    public interface RegistrationListener {
        void registered(UserView user, Registration registration);
    }

    /** What a person gives to open an account; always the customer role. */
    public record Registration(Email email, String password, String fullName, String phone) {
    }

    /**
     * Opens a customer account, or does nothing when the address already has one: both answer
     * alike (the caller signs in next), cost alike (the password is hashed either way) and leave
     * only an audit event apart, so that registration does not tell an anonymous caller which
     * addresses have accounts. The product sends no e-mail, so the existing owner is not notified.
     * Returns whether an account was opened, for callers inside the service only.
     */
    public boolean register(Registration registration, ClientInfo client) {
        throttle.beforeRegister(client.address());
        PasswordPolicy.check(registration.password(), registration.email().value());
        String hash = hasher.hash(registration.password());
        return jdbi.inTransaction(handle -> {
            Optional<UUID> created = users.insertIfAbsent(UUID.randomUUID(), registration.email().value(), hash,
                    Role.CUSTOMER.wireName(), registration.fullName());
            if (created.isEmpty()) {
                AuditEvent attempt = AuditEvent.of("auth.register_existing").from(client.address());
                audit.record(users.findByEmail(registration.email().value())
                        .map(existing -> attempt.on("user", existing.id())).orElse(attempt));
                return false;
            }
            UserView user = users.findById(created.get()).orElseThrow().view();
            for (RegistrationListener listener : registrationListeners) {
                listener.registered(user, registration);
            }
            audit.record(AuditEvent.of("auth.register").by(user.id()).on("user", user.id()).from(client.address()));
            return true;
        });
    }

    /** Staff accounts (and customers opened by staff) are created by an administrator only. */
    public UserView createUser(Email email, String password, Role role, String displayName, AuthenticatedUser admin,
                               ClientInfo client) {
        requireAdmin(admin);
        PasswordPolicy.check(password, email.value());
        String hash = hasher.hash(password);
        return jdbi.inTransaction(handle -> {
            UserView user = insertUser(email, hash, role, displayName);
            audit.record(AuditEvent.of("auth.user_created").by(admin.userId()).on("user", user.id())
                    .from(client.address()).with(Map.of("role", role.wireName())));
            return user;
        });
    }

    public TokenPair login(Email email, String password, ClientInfo client) {
        throttle.beforeLogin(client.address(), email.value());
        Optional<User> found = users.findByEmail(email.value());
        if (found.isEmpty() || !found.get().active()) {
            throw refusedWithoutAccount(email, password, client, found.isEmpty() ? "unknown_account" : "inactive");
        }
        User user = found.get();
        Instant now = clock.instant();
        if (user.isLockedAt(now)) {
            hasher.verifyDecoy(password);
            audit.record(AuditEvent.of("auth.login_rejected_locked").on("user", user.id()).from(client.address()));
            throw new AccountLockedException(Duration.between(now, user.lockedUntil()));
        }
        if (!hasher.verify(password, user.passwordHash())) {
            User after = users.recordFailedLogin(user.id(), config.lockout().maxFailedAttempts(),
                    config.lockout().duration().toSeconds());
            audit.record(AuditEvent.of("auth.login_failed").on("user", user.id()).from(client.address())
                    .with(Map.of("reason", "wrong_password", "consecutiveFailures", after.failedLoginCount())));
            if (after.isLockedAt(clock.instant())) {
                audit.record(AuditEvent.of("auth.lockout").on("user", user.id()).from(client.address())
                        .with(Map.of("until", after.lockedUntil().toString())));
                throw new AccountLockedException(Duration.between(clock.instant(), after.lockedUntil()));
            }
            throw invalidCredentials();
        }
        users.recordSuccessfulLogin(user.id());
        if (hasher.needsRehash(user.passwordHash())) {
            users.updatePasswordHash(user.id(), hasher.hash(password));
        }
        audit.record(AuditEvent.of("auth.login").by(user.id()).on("user", user.id()).from(client.address()));
        return openSession(user.view(), client);
    }

    /**
     * No active account has this address. The refusal must be the one a real account gives to a
     * wrong password, attempt for attempt: the same Argon2 verification, the same count and lock
     * (kept in login_failures), the same 401 then 429 with Retry-After. Otherwise the lockout would
     * tell which addresses have accounts.
     */
    private RuntimeException refusedWithoutAccount(Email email, String password, ClientInfo client, String reason) {
        hasher.verifyDecoy(password);
        String emailHash = sha256(email.value());
        Instant now = clock.instant();
        Optional<UserDao.AddressLock> lock = users.lockWithoutAccount(emailHash);
        if (lock.isPresent() && lock.get().isLockedAt(now)) {
            audit.record(AuditEvent.of("auth.login_rejected_locked").from(client.address())
                    .with(Map.of("reason", reason)));
            return new AccountLockedException(Duration.between(now, lock.get().lockedUntil()));
        }
        UserDao.AddressLock after = users.recordFailedLoginWithoutAccount(emailHash,
                config.lockout().maxFailedAttempts(), config.lockout().duration().toSeconds());
        audit.record(AuditEvent.of("auth.login_failed").from(client.address()).with(Map.of("reason", reason)));
        if (after.isLockedAt(clock.instant())) {
            audit.record(AuditEvent.of("auth.lockout").from(client.address()).with(Map.of("reason", reason,
                    "until", after.lockedUntil().toString())));
            return new AccountLockedException(Duration.between(clock.instant(), after.lockedUntil()));
        }
        return invalidCredentials();
    }

    /**
     * Exchanges a refresh token for a new pair and retires it. Presenting a token that was already
     * used means it leaked (or the client is replaying): the whole family is revoked.
     */
    public TokenPair refresh(String refreshToken, ClientInfo client) {
        throttle.beforeRefresh(client.address());
        String hash = sha256(refreshToken);
        Optional<TokenPair> rotated = jdbi.inTransaction(handle -> refreshTokens.consume(hash).map(row -> {
            User user = activeUser(row);
            IssuedRefreshToken next = storeRefreshToken(user.id(), row.familyId(), client);
            refreshTokens.linkReplacement(row.id(), next.id());
            return pair(user.view(), next);
        }));
        if (rotated.isPresent()) {
            return rotated.get();
        }
        // Used a moment ago by a parallel refresh of the same client (address and user agent): a
        // pair of the same session, so that ten tabs refreshing at once all stay signed in.
        Optional<TokenPair> sibling = jdbi.inTransaction(handle -> refreshTokens
                .usedMomentsAgoBy(hash, REUSE_GRACE_SECONDS, client.userAgent(), client.address())
                .map(row -> pair(activeUser(row).view(), storeRefreshToken(row.userId(), row.familyId(), client))));
        if (sibling.isPresent()) {
            return sibling.get();
        }
        // Not live. If we issued it, it was used or revoked before: treat the session as stolen,
        // its refresh tokens and the access tokens it issued alike. This runs in its own
        // transaction so that the revocation stands although we refuse.
        jdbi.useTransaction(handle -> refreshTokens.findByHash(hash).ifPresent(known -> {
            int revoked = refreshTokens.revokeFamily(known.familyId());
            denylist.revokeSession(known.familyId().toString(), clock.instant().plus(accessTokens.lifetime()));
            if (revoked > 0) {
                audit.record(AuditEvent.of("auth.refresh_reuse").on("user", known.userId())
                        .from(client.address()).with(Map.of("family", known.familyId().toString(),
                                "revokedTokens", revoked)));
            }
        }));
        throw new AuthenticationRequiredException("The refresh token is invalid, expired or already used.");
    }

    /** Housekeeping: refresh tokens expired for more than {@code days}; returns how many went. */
    public int removeExpiredRefreshTokens(int days) {
        return refreshTokens.deleteExpiredFor(days);
    }

    /** Ends the session: the refresh token's family is revoked and the access token denied. */
    public void logout(AuthenticatedUser caller, String refreshToken, ClientInfo client) {
        jdbi.useTransaction(handle -> {
            if (refreshToken != null && !refreshToken.isBlank()) {
                refreshTokens.findByHash(sha256(refreshToken))
                        .filter(row -> row.userId().equals(caller.userId()))
                        .ifPresent(row -> refreshTokens.revokeFamily(row.familyId()));
            }
            if (caller.sessionId() != null) {
                denylist.revokeSession(caller.sessionId(), clock.instant().plus(accessTokens.lifetime()));
            }
            audit.record(AuditEvent.of("auth.logout").by(caller.userId()).on("user", caller.userId())
                    .from(client.address()));
        });
        denylist.revoke(caller.tokenId(), caller.tokenExpiresAt());
    }

    /** Logs the caller out everywhere: all refresh tokens revoked. */
    public void logoutEverywhere(AuthenticatedUser caller, ClientInfo client) {
        jdbi.useTransaction(handle -> {
            refreshTokens.revokeAllOf(caller.userId());
            users.invalidateTokens(caller.userId());
            audit.record(AuditEvent.of("auth.logout_all").by(caller.userId()).on("user", caller.userId())
                    .from(client.address()));
        });
        denylist.revoke(caller.tokenId(), caller.tokenExpiresAt());
        accountStates.invalidate(caller.userId());
    }

    public UserView me(AuthenticatedUser caller) {
        return users.findById(caller.userId()).filter(User::active).map(User::view)
                .orElseThrow(() -> new ResourceNotFoundException("No such account."));
    }

    /** Verifies an access token for the request filter: signature, claims, revocation, account. */
    public Optional<AuthenticatedUser> authenticate(String accessToken) {
        return accessTokens.verify(accessToken)
                .filter(user -> !denylist.isRevoked(user.tokenId(), user.sessionId()))
                .filter(this::accountStillAccepts);
    }

    /**
     * A token stays valid only while its account is active and it was issued after the last
     * "log out everywhere". Looked up at most every few seconds per account.
     */
    private boolean accountStillAccepts(AuthenticatedUser user) {
        Optional<UserDao.AccountState> state = accountStates.get(user.userId(), users::accountState);
        if (state.isEmpty() || !state.get().isActive()) {
            return false;
        }
        Instant validAfter = state.get().tokensValidAfter();
        return validAfter == null || user.tokenIssuedAt() == null
                || !user.tokenIssuedAt().isBefore(validAfter);
    }

    private UserView insertUser(Email email, String hash, Role role, String displayName) {
        return insertUser(users, email, hash, role, displayName);
    }

    static UserView insertUser(UserDao users, Email email, String hash, Role role, String displayName) {
        UUID id = UUID.randomUUID();
        try {
            users.insert(id, email.value(), hash, role.wireName(), displayName);
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw new ConflictException("An account with this e-mail already exists.");
            }
            throw e;
        }
        return users.findById(id).orElseThrow().view();
    }

    private TokenPair openSession(UserView user, ClientInfo client) {
        IssuedRefreshToken refresh = jdbi.inTransaction(handle ->
                storeRefreshToken(user.id(), UUID.randomUUID(), client));
        return pair(user, refresh);
    }

    private TokenPair pair(UserView user, IssuedRefreshToken refresh) {
        String access = accessTokens.issue(user.id(), Email.of(user.email()), user.role(), refresh.familyId());
        return TokenPair.bearer(access, accessTokens.lifetime().toSeconds(), refresh.token(),
                Duration.ofDays(config.refreshTokenExpireDays()).toSeconds(), user);
    }

    private IssuedRefreshToken storeRefreshToken(UUID userId, UUID familyId, ClientInfo client) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "grt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        refreshTokens.insert(id, userId, familyId, sha256(token),
                clock.instant().plus(Duration.ofDays(config.refreshTokenExpireDays())),
                client.userAgent(), client.address());
        return new IssuedRefreshToken(id, familyId, token);
    }

    private static AuthenticationRequiredException invalidCredentials() {
        return new AuthenticationRequiredException("E-mail or password is incorrect.");
    }

    static void requireAdmin(AuthenticatedUser caller) {
        if (caller == null || caller.role() != Role.ADMIN) {
            throw new com.genaiauto.platform.errors.AccessDeniedException("Only administrators can do this.");
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private User activeUser(RefreshTokenDao.TokenRow row) {
        return users.findById(row.userId()).filter(User::active)
                .orElseThrow(() -> new AuthenticationRequiredException("The account is no longer active."));
    }

    private record IssuedRefreshToken(UUID id, UUID familyId, String token) {
    }
}
