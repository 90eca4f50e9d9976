package com.genaiauto.auth.dao;

import com.genaiauto.auth.model.Email;
import com.genaiauto.auth.model.Role;
import com.genaiauto.auth.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(UserDao.UserMapper.class)
public interface UserDao {

    String COLUMNS = "id, email, password_hash, role, display_name, is_active, failed_login_count, locked_until, "
            + "last_login_at, created_at";

    @SqlUpdate("INSERT INTO users (id, email, password_hash, role, display_name) "
            + "VALUES (:id, :email, :passwordHash, :role, :displayName)")
    void insert(@Bind("id") UUID id, @Bind("email") String email, @Bind("passwordHash") String passwordHash,
                @Bind("role") String role, @Bind("displayName") String displayName);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
    Optional<User> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<User> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT count(*) > 0 FROM users WHERE role = 'admin' AND is_active")
    boolean anyActiveAdmin();

    /** Counts one failure and locks the account when it reaches the limit; returns the new state. */
    @SqlQuery("""
            UPDATE users SET failed_login_count = failed_login_count + 1,
                             locked_until = CASE WHEN failed_login_count + 1 >= :maxAttempts
                                                 THEN now() + make_interval(secs => :lockSeconds)
                                                 ELSE locked_until END,
                             updated_at = now()
            WHERE id = :id
            RETURNING\s""" + COLUMNS)
    User recordFailedLogin(@Bind("id") UUID id, @Bind("maxAttempts") int maxAttempts,
                           @Bind("lockSeconds") double lockSeconds);

    /**
     * Counts one failed login for an address without an active account, on exactly the terms of
     * {@link #recordFailedLogin}; returns the new lock (null while not locked).
     */
    @SqlQuery("""
            INSERT INTO login_failures AS f (email_hash, failed_login_count, locked_until)
            VALUES (:emailHash, 1, CASE WHEN 1 >= :maxAttempts THEN now() + make_interval(secs => :lockSeconds) END)
            ON CONFLICT (email_hash) DO UPDATE
               SET failed_login_count = f.failed_login_count + 1,
                   locked_until = CASE WHEN f.failed_login_count + 1 >= :maxAttempts
                                       THEN now() + make_interval(secs => :lockSeconds)
                                       ELSE f.locked_until END,
                   updated_at = now()
            RETURNING locked_until""")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(AddressLock.class)
    AddressLock recordFailedLoginWithoutAccount(@Bind("emailHash") String emailHash,
                                                @Bind("maxAttempts") int maxAttempts,
                                                @Bind("lockSeconds") double lockSeconds);

    @SqlQuery("SELECT locked_until FROM login_failures WHERE email_hash = :emailHash")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(AddressLock.class)
    Optional<AddressLock> lockWithoutAccount(@Bind("emailHash") String emailHash);

    /** The lock of an address without an active account. */
    record AddressLock(Instant lockedUntil) {
        public boolean isLockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** Registration: the new account's id, or empty when the address already has one (nothing changes). */
    @SqlQuery("INSERT INTO users (id, email, password_hash, role, display_name) "
            + "VALUES (:id, :email, :passwordHash, :role, :displayName) ON CONFLICT (email) DO NOTHING RETURNING id")
    Optional<UUID> insertIfAbsent(@Bind("id") UUID id, @Bind("email") String email,
                                  @Bind("passwordHash") String passwordHash, @Bind("role") String role,
                                  @Bind("displayName") String displayName);

    @SqlUpdate("UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now(), "
            + "updated_at = now() WHERE id = :id")
    void recordSuccessfulLogin(@Bind("id") UUID id);

    @SqlUpdate("UPDATE users SET tokens_valid_after = now(), updated_at = now() WHERE id = :id")
    void invalidateTokens(@Bind("id") UUID id);

    @SqlQuery("SELECT is_active, tokens_valid_after FROM users WHERE id = :id")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(AccountState.class)
    Optional<AccountState> accountState(@Bind("id") UUID id);

    /** What an access token must still agree with: the account is active and the token is recent enough. */
    record AccountState(boolean isActive, java.time.Instant tokensValidAfter) {
    }

    @SqlUpdate("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
    void updatePasswordHash(@Bind("id") UUID id, @Bind("hash") String hash);

    final class UserMapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(rs.getObject("id", UUID.class), Email.of(rs.getString("email")),
                    rs.getString("password_hash"), Role.parse(rs.getString("role")), rs.getString("display_name"),
                    rs.getBoolean("is_active"), rs.getInt("failed_login_count"), instant(rs, "locked_until"),
                    instant(rs, "last_login_at"), instant(rs, "created_at"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : value.toInstant();
        }
    }
}
