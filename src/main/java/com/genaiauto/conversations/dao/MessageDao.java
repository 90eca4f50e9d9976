package com.genaiauto.conversations.dao;

import com.genaiauto.conversations.model.Message;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Message.class)
public interface MessageDao {

    String COLUMNS = "id, conversation_id, role, content, agent, confidence, sources::text AS sources, "
            + "tool_calls::text AS tool_calls, latency_ms, prompt_tokens, completion_tokens, cost, feedback_rating, "
            + "feedback_comment, reply_to, created_at, degraded";

    @SqlUpdate("""
            INSERT INTO messages (id, conversation_id, role, content, idempotency_key)
            VALUES (:id, :conversationId, :role, :content, :idempotencyKey)""")
    void insertIncoming(@Bind("id") UUID id, @Bind("conversationId") UUID conversationId, @Bind("role") String role,
                        @Bind("content") String content, @Bind("idempotencyKey") String idempotencyKey);

    @SqlUpdate("""
            INSERT INTO messages (id, conversation_id, role, content, agent, confidence, sources, tool_calls,
                                  latency_ms, prompt_tokens, completion_tokens, cost, reply_to, degraded)
            VALUES (:id, :conversationId, 'assistant', :content, :agent, :confidence, CAST(:sources AS jsonb),
                    CAST(:toolCalls AS jsonb), :latencyMs, :promptTokens, :completionTokens, :cost, :replyTo, :degraded)""")
    void insertAnswer(@Bind("id") UUID id, @Bind("conversationId") UUID conversationId,
                      @Bind("content") String content, @Bind("agent") String agent,
                      @Bind("confidence") double confidence, @Bind("sources") String sourcesJson,
                      @Bind("toolCalls") String toolCallsJson, @Bind("latencyMs") int latencyMs,
                      @Bind("promptTokens") int promptTokens, @Bind("completionTokens") int completionTokens,
                      @Bind("cost") BigDecimal cost, @Bind("replyTo") UUID replyTo, @Bind("degraded") boolean degraded);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = :conversationId ORDER BY created_at, id")
    List<Message> forConversation(@Bind("conversationId") UUID conversationId);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE id = :id")
    Optional<Message> findById(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT m.id, m.conversation_id, m.role, m.content, m.agent, m.confidence, m.sources::text AS sources,
                   m.tool_calls::text AS tool_calls, m.latency_ms, m.prompt_tokens, m.completion_tokens, m.cost,
                   m.feedback_rating, m.feedback_comment, m.reply_to, m.created_at, m.degraded
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE c.user_id = :userId AND m.idempotency_key = :key AND m.role = 'user'
            ORDER BY m.created_at LIMIT 1""")
    Optional<Message> findByIdempotencyKey(@Bind("userId") UUID userId, @Bind("key") String key);

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE reply_to = :messageId AND role = 'assistant'")
    Optional<Message> answerTo(@Bind("messageId") UUID messageId);

    @SqlUpdate("""
            UPDATE messages SET feedback_rating = :rating, feedback_comment = :comment, feedback_at = now()
            WHERE id = :id AND conversation_id = :conversationId AND role = 'assistant'""")
    int feedback(@Bind("id") UUID id, @Bind("conversationId") UUID conversationId, @Bind("rating") int rating,
                 @Bind("comment") String comment);
}
