package com.genaiauto.auth.dao;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Refresh tokens, stored as SHA-256 hashes, grouped in families of rotations. */
@RegisterConstructorMapper(RefreshTokenDao.TokenRow.class)
public interface RefreshTokenDao {

    /** Housekeeping: tokens expired for more than {@code days} can never be used or replayed again. */
    @SqlUpdate("DELETE FROM refresh_tokens WHERE expires_at < now() - make_interval(days => :days)")
    int deleteExpiredFor(@Bind("days") int days);

    @SqlUpdate("""
            INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, user_agent, client_address)
            VALUES (:id, :userId, :familyId, :hash, :expiresAt, :userAgent, CAST(:address AS inet))""")
    void insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("familyId") UUID familyId,
                @Bind("hash") String hash, @Bind("expiresAt") Instant expiresAt,
                @Bind("userAgent") String userAgent, @Bind("address") String address);

    /**
     * Marks a live token used, atomically: of two concurrent refreshes with one token, one wins.
     * Empty when the token is unknown, already used, revoked or expired.
     */
    @SqlQuery("""
            UPDATE refresh_tokens SET used_at = now()
            WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            RETURNING id, user_id, family_id""")
    Optional<TokenRow> consume(@Bind("hash") String hash);

    /**
     * A token used within the last {@code graceSeconds}, by the same client (address and user
     * agent of the token that replaced it), whose family still stands: that client refreshing from
     * several tabs or retrying at once, not someone else replaying a stolen token.
     */
    @SqlQuery("""
            SELECT t.id, t.user_id, t.family_id FROM refresh_tokens t JOIN refresh_tokens r ON r.id = t.replaced_by
            WHERE t.token_hash = :hash AND t.used_at > now() - make_interval(secs => :graceSeconds)
              AND t.revoked_at IS NULL AND t.expires_at > now()
              AND r.user_agent IS NOT DISTINCT FROM :userAgent
              AND r.client_address IS NOT DISTINCT FROM CAST(:address AS inet)""")
    Optional<TokenRow> usedMomentsAgoBy(@Bind("hash") String hash, @Bind("graceSeconds") int graceSeconds,
                                        @Bind("userAgent") String userAgent, @Bind("address") String address);

    @SqlQuery("SELECT id, user_id, family_id FROM refresh_tokens WHERE token_hash = :hash")
    Optional<TokenRow> findByHash(@Bind("hash") String hash);

    @SqlUpdate("UPDATE refresh_tokens SET replaced_by = :next WHERE id = :id")
    void linkReplacement(@Bind("id") UUID id, @Bind("next") UUID next);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(@Bind("familyId") UUID familyId);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOf(@Bind("userId") UUID userId);

    @SqlQuery("SELECT count(*) FROM refresh_tokens WHERE family_id = :familyId AND revoked_at IS NULL "
            + "AND used_at IS NULL AND expires_at > now()")
    int liveTokensInFamily(@Bind("familyId") UUID familyId);

    record TokenRow(UUID id, UUID userId, UUID familyId) {
    }
}
