package com.genaiauto.conversations.dao;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Which message a user's idempotency key belongs to: claimed once, by the first copy of a send. */
public interface IdempotencyDao {

    /**
     * 1 when this send claims the key, 0 when another already holds it. A claim still uncommitted
     * in another transaction makes this wait for it, so the loser always finds the winner's message.
     */
    @SqlUpdate("""
            INSERT INTO idempotency_keys (user_id, key, message_id) VALUES (:userId, :key, :messageId)
            ON CONFLICT (user_id, key) DO NOTHING""")
    int claim(@Bind("userId") UUID userId, @Bind("key") String key, @Bind("messageId") UUID messageId);

    @SqlQuery("SELECT message_id FROM idempotency_keys WHERE user_id = :userId AND key = :key")
    Optional<UUID> messageFor(@Bind("userId") UUID userId, @Bind("key") String key);
}
