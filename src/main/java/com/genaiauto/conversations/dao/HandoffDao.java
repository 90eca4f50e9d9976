package com.genaiauto.conversations.dao;

import com.genaiauto.conversations.model.Handoff;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Handoff.class)
public interface HandoffDao {

    String COLUMNS = "id, conversation_id, user_id, reason, priority, status, assigned_agent_id, summary, "
            + "webhook_status, created_at, accepted_at, resolved_at";

    /** Inserts unless the conversation already has an open or accepted handoff; returns rows inserted. */
    @SqlUpdate("""
            INSERT INTO handoffs (id, conversation_id, user_id, reason, priority, summary, webhook_status)
            VALUES (:id, :conversationId, :userId, :reason, :priority, :summary, :webhookStatus)
            ON CONFLICT (conversation_id) WHERE status IN ('open', 'accepted') DO NOTHING""")
    int insertIfNoneActive(@Bind("id") UUID id, @Bind("conversationId") UUID conversationId,
                           @Bind("userId") UUID userId, @Bind("reason") String reason,
                           @Bind("priority") String priority, @Bind("summary") String summary,
                           @Bind("webhookStatus") String webhookStatus);

    @SqlQuery("SELECT " + COLUMNS + " FROM handoffs WHERE conversation_id = :conversationId "
            + "AND status IN ('open', 'accepted')")
    Optional<Handoff> activeFor(@Bind("conversationId") UUID conversationId);

    /** A safety issue on a conversation already handed over: the open handoff becomes urgent. */
    @SqlUpdate("""
            UPDATE handoffs SET priority = 'urgent', reason = 'safety'
            WHERE id = :id AND status IN ('open', 'accepted') AND priority <> 'urgent'""")
    int escalate(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM handoffs WHERE id = :id")
    Optional<Handoff> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM handoffs WHERE status = :status ORDER BY "
            + "CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, created_at "
            + "LIMIT :limit OFFSET :offset")
    List<Handoff> listByStatus(@Bind("status") String status, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM handoffs WHERE status = :status")
    long countByStatus(@Bind("status") String status);

    @SqlUpdate("""
            UPDATE handoffs SET status = 'accepted', assigned_agent_id = :agentId, accepted_at = now()
            WHERE id = :id AND status = 'open'""")
    int accept(@Bind("id") UUID id, @Bind("agentId") UUID agentId);

    /** Ends an active handoff as resolved or cancelled (handed back); {@code resolved_at} is when it ended. */
    @SqlUpdate("UPDATE handoffs SET status = :status, resolved_at = now() WHERE id = :id AND status IN ('open', 'accepted')")
    int close(@Bind("id") UUID id, @Bind("status") String status);
}
