package com.genaiauto.conversations.service;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.conversations.agent.ToolCall;
import com.genaiauto.conversations.dao.ConversationDao;
import com.genaiauto.conversations.dao.ConversationRow;
import com.genaiauto.conversations.dao.HandoffDao;
import com.genaiauto.conversations.dao.IdempotencyDao;
import com.genaiauto.conversations.dao.MessageDao;
import com.genaiauto.conversations.model.Conversation;
import com.genaiauto.conversations.model.ConversationDetail;
import com.genaiauto.conversations.model.ConversationStatus;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.HandoffStatus;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.model.MessageRole;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.llm.ledger.ConversationUsage;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Every read and write of conversations, their messages, flow state and handoffs. Owners see only
 * their own conversations (another's is a 404: no existence leak); agents and admins may read any,
 * as support needs to. Multi-row writes run in one transaction here.
 */
public final class ConversationStore {

    /** The sentiments of {@code user_feedback_total}: a rating of 1 or -1. */
    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    private final Jdbi jdbi;
    private final ConversationUsage usage;
    private final AuditLog audit;
    private final MetricRegistry metrics;
    private final ObjectMapper json;

    public ConversationStore(Jdbi jdbi, ConversationUsage usage, AuditLog audit, MetricRegistry metrics, ObjectMapper json) {
        this.jdbi = jdbi;
        this.usage = usage;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
        // user_feedback_total{sentiment} of both sentiments from the first scrape, at zero.
        KnownSeries.counters(metrics, "feedback", POSITIVE, NEGATIVE);
    }

    // --- conversations as their owners see them ------------------------------------------------

    public Page<Conversation> list(AuthenticatedUser user, PageRequest page) {
        ConversationDao dao = jdbi.onDemand(ConversationDao.class);
        List<ConversationRow> rows = dao.listForUser(user.userId(), page.limit(), page.offset());
        Map<UUID, ConversationUsage.Totals> totals = usage.forConversations(rows.stream().map(ConversationRow::id).toList());
        return Page.of(rows.stream().map(row -> withUsage(row, totals)).toList(), dao.countForUser(user.userId()), page);
    }

    public ConversationDetail get(AuthenticatedUser user, UUID id) {
        ConversationRow row = visible(jdbi.onDemand(ConversationDao.class), user, id);
        return new ConversationDetail(withUsage(row, usage.forConversations(List.of(id))),
                jdbi.onDemand(MessageDao.class).forConversation(id));
    }

    private static Conversation withUsage(ConversationRow row, Map<UUID, ConversationUsage.Totals> totals) {
        ConversationUsage.Totals spent = totals.getOrDefault(row.id(), ConversationUsage.Totals.NONE);
        return new Conversation(row.id(), row.userId(), row.vehicleId(), row.title(), row.status(), row.summary(),
                spent.tokens(), spent.costUsd(), row.createdAt(), row.updatedAt());
    }

    /** The conversation if the caller may act in it as its owner; 404 otherwise (no existence leak). */
    public ConversationRow owned(AuthenticatedUser user, UUID id) {
        ConversationRow conversation = conversation(id).orElseThrow(() -> new ResourceNotFoundException("conversation not found"));
        if (!conversation.userId().equals(user.userId())) {
            throw new ResourceNotFoundException("conversation not found");
        }
        return conversation;
    }

    public Optional<ConversationRow> conversation(UUID id) {
        return jdbi.onDemand(ConversationDao.class).findById(id);
    }

    /** Erasure: the conversation, its messages and handoffs go; the cost ledger keeps anonymous rows. */
    public void delete(AuthenticatedUser user, UUID id) {
        owned(user, id);
        jdbi.useHandle(handle -> handle.attach(ConversationDao.class).delete(id));
        audit.record(AuditEvent.of("conversation.erased").by(user.userId()).on("conversation", id));
    }

    public void feedback(AuthenticatedUser user, UUID conversationId, UUID messageId, int rating, String comment) {
        if (rating != 1 && rating != -1) {
            throw new UnprocessableException("rating must be 1 (helpful) or -1 (not helpful)");
        }
        if (comment != null && comment.length() > 2_000) {
            throw new UnprocessableException("comment must be at most 2000 characters");
        }
        owned(user, conversationId);
        int updated = jdbi.withHandle(handle -> handle.attach(MessageDao.class)
                .feedback(messageId, conversationId, rating, comment == null || comment.isBlank() ? null : comment.strip()));
        if (updated == 0) {
            throw new ResourceNotFoundException("answer not found in this conversation");
        }
        metrics.counter(MetricRegistry.name("feedback", rating > 0 ? POSITIVE : NEGATIVE)).inc();
    }

    /** Retention: removes conversations untouched for {@code days}; returns how many. */
    public int purgeOlderThan(int days) {
        int removed = jdbi.withHandle(handle -> handle.attach(ConversationDao.class).deleteOlderThan(days));
        audit.record(AuditEvent.of("conversation.purged").byLabel("admin-task").with(Map.of("days", days, "removed", removed)));
        return removed;
    }

    /** Erasure of everything a customer said to the assistant; returns how many conversations. */
    public int eraseForUser(UUID userId) {
        int removed = jdbi.withHandle(handle -> handle.attach(ConversationDao.class).deleteForUser(userId));
        audit.record(AuditEvent.of("conversation.erased_for_user").byLabel("admin-task").on("user", userId)
                .with(Map.of("conversations", removed)));
        return removed;
    }

    private static ConversationRow visible(ConversationDao dao, AuthenticatedUser user, UUID id) {
        ConversationRow conversation = dao.findById(id).orElseThrow(() -> new ResourceNotFoundException("conversation not found"));
        boolean staff = user.role() == Role.AGENT || user.role() == Role.ADMIN;
        if (!staff && !conversation.userId().equals(user.userId())) {
            throw new ResourceNotFoundException("conversation not found");
        }
        return conversation;
    }

    // --- the turn: messages, answers and flow state ---------------------------------------------

    /** A send this user made before under the same idempotency key (in the named session, if one is named). */
    public Optional<Message> retriedSend(UUID userId, String idempotencyKey, UUID sessionId) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jdbi.onDemand(MessageDao.class).findByIdempotencyKey(userId, idempotencyKey)
                .filter(message -> sessionId == null || message.conversationId().equals(sessionId));
    }

    public Optional<Message> answerTo(UUID messageId) {
        return jdbi.onDemand(MessageDao.class).answerTo(messageId);
    }

    public List<Message> messages(UUID conversationId) {
        return jdbi.onDemand(MessageDao.class).forConversation(conversationId);
    }

    /** The message a send is answered from, and whether an earlier copy of the same send stored it. */
    public record Incoming(Message message, boolean duplicate) {
    }

    /**
     * Stores an owner's message before anything answers it, opening a conversation when none is
     * named (and pointing it at the vehicle, when one is named), in one transaction. A send with an
     * idempotency key first claims the key: when another copy of the send holds it (ten retries
     * arriving at once), nothing is written and that copy's message is returned instead.
     */
    public Incoming storeIncoming(UUID userId, UUID sessionId, UUID vehicleId, String content, String idempotencyKey,
                                  String title) {
        UUID messageId = UUID.randomUUID();
        try {
            return jdbi.inTransaction(handle -> {
                if (idempotencyKey != null && handle.attach(IdempotencyDao.class).claim(userId, idempotencyKey, messageId) == 0) {
                    throw new KeyHeldElsewhere();
                }
                ConversationDao conversations = handle.attach(ConversationDao.class);
                UUID id = sessionId;
                if (id == null) {
                    id = UUID.randomUUID();
                    conversations.insert(id, userId, vehicleId, title);
                } else if (vehicleId != null) {
                    conversations.setVehicle(id, vehicleId);
                }
                MessageDao messages = handle.attach(MessageDao.class);
                messages.insertIncoming(messageId, id, MessageRole.USER.wire(), content, idempotencyKey);
                return new Incoming(messages.findById(messageId).orElseThrow(), false);
            });
        } catch (KeyHeldElsewhere held) {
            Message original = jdbi.onDemand(IdempotencyDao.class).messageFor(userId, idempotencyKey)
                    .flatMap(id -> jdbi.onDemand(MessageDao.class).findById(id))
                    .orElseThrow(() -> new IllegalStateException("an idempotency key claimed for no message"));
            return new Incoming(original, true);
        }
    }

    /** Rolls back a send whose idempotency key another copy of it claimed first. */
    private static final class KeyHeldElsewhere extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyHeldElsewhere() {
            super(null, null, false, false);
        }
    }

    /** An assistant's answer as stored with the message it answers. */
    public record Answer(String content, String agent, double confidence, List<Source> sources,
                         List<ToolCall> toolCalls, int latencyMs, int promptTokens, int completionTokens,
                         boolean degraded) {
    }

    /**
     * Stores the answer and the conversation's new flow state together. When a concurrent retry of
     * the same send answered first, theirs stands (one answer per message) and its id is returned.
     */
    public UUID storeAnswer(UUID conversationId, UUID replyTo, Answer answer, FlowState state) {
        UUID id = UUID.randomUUID();
        try {
            jdbi.useTransaction(handle -> {
                handle.attach(MessageDao.class).insertAnswer(id, conversationId, answer.content(), answer.agent(),
                        Math.round(answer.confidence() * 1000) / 1000.0, write(answer.sources()), write(answer.toolCalls()),
                        answer.latencyMs(), answer.promptTokens(), answer.completionTokens(), BigDecimal.ZERO, replyTo,
                        answer.degraded());
                handle.attach(ConversationDao.class).saveState(conversationId, writeState(state));
            });
            return id;
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                return answerTo(replyTo).map(Message::id).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public FlowState state(UUID conversationId) {
        String raw = jdbi.onDemand(ConversationDao.class).state(conversationId);
        if (raw == null || raw.isBlank()) {
            return FlowState.IDLE;
        }
        try {
            return json.readValue(raw, FlowState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A state an older version wrote and this one cannot read: the flow starts over.
            return FlowState.IDLE;
        }
    }

    /** Clears the flow state if it still is {@code expected}; true for the one caller that did. */
    public boolean claimState(UUID conversationId, FlowState expected) {
        return jdbi.withHandle(handle -> handle.attach(ConversationDao.class).claimState(conversationId, writeState(expected))) == 1;
    }

    public void setVehicle(UUID conversationId, UUID vehicleId) {
        jdbi.useHandle(handle -> handle.attach(ConversationDao.class).setVehicle(conversationId, vehicleId));
    }

    public void setSummary(UUID conversationId, String summary) {
        jdbi.useHandle(handle -> handle.attach(ConversationDao.class).setSummary(conversationId, summary));
    }

    public long countActive() {
        return jdbi.onDemand(ConversationDao.class).countActive();
    }

    // --- handoffs -------------------------------------------------------------------------------

    /** Opens a handoff unless one is active and marks the conversation handed off; true when this call opened it. */
    public boolean openHandoff(UUID handoffId, UUID conversationId, UUID userId, HandoffReason reason, String summary) {
        return jdbi.inTransaction(handle -> {
            int inserted = handle.attach(HandoffDao.class).insertIfNoneActive(handoffId, conversationId, userId,
                    reason.wire(), reason.priority().wire(), summary, "queued");
            handle.attach(ConversationDao.class).setStatus(conversationId, ConversationStatus.HANDED_OFF.wire());
            return inserted == 1;
        });
    }

    /** Makes an active handoff urgent (a hazard on a conversation already waiting); true when it was not yet. */
    public boolean escalateHandoff(UUID handoffId) {
        return jdbi.withHandle(handle -> handle.attach(HandoffDao.class).escalate(handoffId)) == 1;
    }

    public Optional<Handoff> activeHandoff(UUID conversationId) {
        return jdbi.onDemand(HandoffDao.class).activeFor(conversationId);
    }

    public Optional<Handoff> handoff(UUID handoffId) {
        return jdbi.onDemand(HandoffDao.class).findById(handoffId);
    }

    public Page<Handoff> handoffs(HandoffStatus status, PageRequest page) {
        HandoffDao dao = jdbi.onDemand(HandoffDao.class);
        return Page.of(dao.listByStatus(status.wire(), page.limit(), page.offset()), dao.countByStatus(status.wire()), page);
    }

    public boolean acceptHandoff(UUID handoffId, UUID agentId) {
        return jdbi.withHandle(handle -> handle.attach(HandoffDao.class).accept(handoffId, agentId)) == 1;
    }

    /**
     * Ends an active handoff (resolved, or cancelled when handed back) and gives the conversation
     * back to the assistant, in one transaction; false when it was no longer active.
     */
    public boolean closeHandoff(UUID handoffId, UUID conversationId, HandoffStatus outcome) {
        return jdbi.inTransaction(handle -> {
            if (handle.attach(HandoffDao.class).close(handoffId, outcome.wire()) != 1) {
                return false;
            }
            handle.attach(ConversationDao.class).setStatus(conversationId, ConversationStatus.ACTIVE.wire());
            return true;
        });
    }

    /** A support agent's message in the conversation. */
    public Message storeAgentMessage(UUID conversationId, String content) {
        UUID messageId = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.attach(MessageDao.class)
                .insertIncoming(messageId, conversationId, MessageRole.AGENT.wire(), content, null));
        return jdbi.onDemand(MessageDao.class).findById(messageId).orElseThrow();
    }

    /** An idle conversation stores an empty object, as it did before flows had types. */
    private String writeState(FlowState state) {
        if (state == null || state instanceof FlowState.Idle) {
            return "{}";
        }
        try {
            return json.writerFor(FlowState.class).writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
