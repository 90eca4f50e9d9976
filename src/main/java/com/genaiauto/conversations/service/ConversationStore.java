package com.genaiauto.conversations.service;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.conversations.dao.ConversationDao;
import com.genaiauto.conversations.dao.ConversationRow;
import com.genaiauto.conversations.dao.MessageDao;
import com.genaiauto.conversations.model.Conversation;
import com.genaiauto.conversations.model.ConversationDetail;
import com.genaiauto.llm.ledger.ConversationUsage;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversations as their owners see them: listing, reading (with tokens and cost), erasure and
 * feedback. Another customer's conversation does not exist for the caller (404); agents and
 * admins may read any conversation, as support needs to.
 */
public final class ConversationStore {

    private final Jdbi jdbi;
    private final ConversationUsage usage;
    private final AuditLog audit;
    private final MetricRegistry metrics;

    public ConversationStore(Jdbi jdbi, ConversationUsage usage, AuditLog audit, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.usage = usage;
        this.audit = audit;
        this.metrics = metrics;
    }

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
        ConversationRow conversation = jdbi.onDemand(ConversationDao.class).findById(id)
                .orElseThrow(() -> new ResourceNotFoundException("conversation not found"));
        if (!conversation.userId().equals(user.userId())) {
            throw new ResourceNotFoundException("conversation not found");
        }
        return conversation;
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
        metrics.counter(MetricRegistry.name("feedback", rating > 0 ? "positive" : "negative")).inc();
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
}
