package com.genaiauto.auth.dao;

import com.genaiauto.auth.model.ApiKeyView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ApiKeyDao.ApiKeyMapper.class)
public interface ApiKeyDao {

    String COLUMNS = "id, name, key_prefix, scopes, owner_user_id, created_at, last_used_at, expires_at, revoked_at";

    @SqlUpdate("""
            INSERT INTO api_keys (id, name, key_prefix, key_hash, owner_user_id, created_by, scopes, expires_at)
            VALUES (:id, :name, :prefix, :hash, :owner, :createdBy, :scopes, :expiresAt)""")
    void insert(@Bind("id") UUID id, @Bind("name") String name, @Bind("prefix") String prefix,
                @Bind("hash") String hash, @Bind("owner") UUID owner, @Bind("createdBy") UUID createdBy,
                @Bind("scopes") String[] scopes, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
    Optional<ApiKeyView> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL "
            + "AND (expires_at IS NULL OR expires_at > now())")
    Optional<ApiKeyView> findLiveByHash(@Bind("hash") String hash);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC LIMIT :limit OFFSET :offset")
    List<ApiKeyView> list(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM api_keys")
    long count();

    @SqlUpdate("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") UUID id);

    @SqlUpdate("UPDATE api_keys SET last_used_at = now() WHERE id = :id "
            + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
    void touch(@Bind("id") UUID id);

    final class ApiKeyMapper implements RowMapper<ApiKeyView> {
        @Override
        public ApiKeyView map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array scopes = rs.getArray("scopes");
            List<String> scopeList = scopes == null ? List.of() : Arrays.asList((String[]) scopes.getArray());
            return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
                    scopeList, rs.getObject("owner_user_id", UUID.class), instant(rs, "created_at"),
                    instant(rs, "last_used_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : value.toInstant();
        }
    }
}
