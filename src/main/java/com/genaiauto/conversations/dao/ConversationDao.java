package com.genaiauto.conversations.dao;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ConversationRow.class)
public interface ConversationDao {

    String COLUMNS = "id, user_id, vehicle_id, title, status, summary, created_at, updated_at";

    @SqlUpdate("INSERT INTO conversations (id, user_id, vehicle_id, title) VALUES (:id, :userId, :vehicleId, :title)")
    void insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("vehicleId") UUID vehicleId,
                @Bind("title") String title);

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE id = :id")
    Optional<ConversationRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM conversations WHERE user_id = :userId ORDER BY updated_at DESC, id "
            + "LIMIT :limit OFFSET :offset")
    List<ConversationRow> listForUser(@Bind("userId") UUID userId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM conversations WHERE user_id = :userId")
    long countForUser(@Bind("userId") UUID userId);

    @SqlQuery("SELECT state::text FROM conversations WHERE id = :id")
    String state(@Bind("id") UUID id);

    @SqlUpdate("UPDATE conversations SET state = CAST(:state AS jsonb), updated_at = now() WHERE id = :id")
    void saveState(@Bind("id") UUID id, @Bind("state") String stateJson);

    /** Clears the state if it still is {@code expected}; 1 when this caller won it. */
    @SqlUpdate("""
            UPDATE conversations SET state = '{}'::jsonb, updated_at = now()
            WHERE id = :id AND state = CAST(:expected AS jsonb)""")
    int claimState(@Bind("id") UUID id, @Bind("expected") String expectedJson);

    @SqlUpdate("UPDATE conversations SET vehicle_id = :vehicleId, updated_at = now() WHERE id = :id")
    void setVehicle(@Bind("id") UUID id, @Bind("vehicleId") UUID vehicleId);

    @SqlUpdate("UPDATE conversations SET status = :status, updated_at = now() WHERE id = :id")
    void setStatus(@Bind("id") UUID id, @Bind("status") String status);

    @SqlUpdate("UPDATE conversations SET summary = :summary WHERE id = :id")
    void setSummary(@Bind("id") UUID id, @Bind("summary") String summary);

    @SqlUpdate("DELETE FROM conversations WHERE id = :id")
    int delete(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM conversations WHERE updated_at < now() - make_interval(days => :days)")
    int deleteOlderThan(@Bind("days") int days);

    @SqlUpdate("DELETE FROM conversations WHERE user_id = :userId")
    int deleteForUser(@Bind("userId") UUID userId);

    @SqlQuery("SELECT count(*) FROM conversations WHERE updated_at > now() - interval '15 minutes'")
    long countActive();
}
