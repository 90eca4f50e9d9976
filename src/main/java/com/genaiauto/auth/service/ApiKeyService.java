package com.genaiauto.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.dao.ApiKeyDao;
import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.auth.model.ApiKeyView;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.CreatedApiKey;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.platform.redis.FanOut;
import com.genaiauto.platform.redis.RedisConnector;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.lifecycle.Managed;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys for the OpenAI-compatible gateway and service-to-service calls. A key is
 * {@code gak_<prefix>_<secret>}; only its SHA-256 is stored (keys are 256-bit random, so a slow
 * password hash adds nothing), and the full key is shown once, at creation.
 */
public final class ApiKeyService implements Managed {

    public static final String KEY_MARKER = "gak_";
    /** Where a revocation is announced, so that every replica forgets the keys it trusts at once. */
    public static final String CHANNEL = "genai:auth:api-keys";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a verified key is trusted without asking the database again. */
    public static final Duration VERIFIED_FOR = Duration.ofSeconds(10);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final ApiKeyDao keys;
    private final AuditLog audit;
    // Gateway calls come many a second per key: a short-lived cache keeps the database off the
    // hot path. A revocation is announced to every replica, which evicts at once; VERIFIED_FOR
    // bounds how long a replica that missed the announcement (Redis away) trusts a revoked key.
    // Expiry is checked on every use, so a cached key stops working the moment it expires.
    private final Cache<String, Optional<ApiKeyView>> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(VERIFIED_FOR).build();
    private final FanOut<Revoked> revocations;
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();
    private final Executor background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "api-key-touch");
        thread.setDaemon(true);
        return thread;
    });

    /** The notice of a revocation: each replica evicts the revoked key, the others stay cached. */
    public record Revoked(UUID keyId) {
    }

    public ApiKeyService(Jdbi jdbi, AuditLog audit, RedisConnector redis, ObjectMapper json) {
        this.jdbi = jdbi;
        this.keys = jdbi.onDemand(ApiKeyDao.class);
        this.audit = audit;
        this.revocations = new FanOut<>(redis, CHANNEL, json, Revoked.class, revoked -> evict(revoked.keyId()));
    }

    @Override
    public void start() {
        revocations.start();
    }

    @Override
    public void stop() {
        revocations.stop();
    }

    public CreatedApiKey create(String name, List<String> scopes, UUID ownerUserId, Instant expiresAt,
                                AuthenticatedUser admin, ClientInfo client) {
        AuthService.requireAdmin(admin);
        String prefix = randomToken(6);
        String key = KEY_MARKER + prefix + "_" + randomToken(32);
        UUID id = UUID.randomUUID();
        List<String> effectiveScopes = scopes == null || scopes.isEmpty() ? List.of("gateway") : List.copyOf(scopes);
        ApiKeyView view = jdbi.inTransaction(handle -> {
            keys.insert(id, name.trim(), prefix, AuthService.sha256(key), ownerUserId, admin.userId(),
                    effectiveScopes.toArray(String[]::new), expiresAt);
            audit.record(AuditEvent.of("auth.api_key_created").by(admin.userId()).on("api_key", id)
                    .from(client.address()).with(Map.of("name", name.trim(), "scopes", effectiveScopes)));
            return keys.findById(id).orElseThrow();
        });
        return new CreatedApiKey(key, view);
    }

    public Page<ApiKeyView> list(AuthenticatedUser admin, PageRequest page) {
        AuthService.requireAdmin(admin);
        return Page.of(keys.list(page.limit(), page.offset()), keys.count(), page);
    }

    public void revoke(UUID id, AuthenticatedUser admin, ClientInfo client) {
        AuthService.requireAdmin(admin);
        jdbi.useTransaction(handle -> {
            ApiKeyView key = keys.findById(id).orElseThrow(() -> new ResourceNotFoundException("No such API key."));
            if (key.revokedAt() == null) {
                keys.revoke(id);
                audit.record(AuditEvent.of("auth.api_key_revoked").by(admin.userId()).on("api_key", id)
                        .from(client.address()));
            }
        });
        // After the commit: evicting earlier would let a request in between re-cache the live key.
        // Here at once; on the other replicas when the notice arrives (publishing never waits).
        evict(id);
        revocations.publish(new Revoked(id));
    }

    /** Drops the cached verification of one key (the cache is keyed by the secret's hash, not the id). */
    private void evict(UUID id) {
        verified.asMap().values().removeIf(view -> view.map(found -> found.id().equals(id)).orElse(false));
    }

    /** The client behind a presented key, when the key is known, live and not revoked. */
    public Optional<ApiKeyPrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_MARKER) || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKeyPrincipal> principal = verified.get(AuthService.sha256(presented), keys::findLiveByHash)
                .filter(found -> found.expiresAt() == null || found.expiresAt().isAfter(Instant.now()))
                .map(found -> new ApiKeyPrincipal(found.id(), found.name(), found.scopes(), found.ownerUserId()));
        principal.ifPresent(this::touchLater);
        return principal;
    }

    /** Records last use at most once a minute per key, off the request thread. */
    private void touchLater(ApiKeyPrincipal principal) {
        Instant now = Instant.now();
        Instant previous = lastTouched.get(principal.keyId());
        if (previous != null && previous.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        lastTouched.put(principal.keyId(), now);
        background.execute(() -> {
            try {
                keys.touch(principal.keyId());
            } catch (RuntimeException ignored) {
                // Last-use time is informational.
            }
        });
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer).replace('_', 'x').replace('-', 'y');
    }
}
