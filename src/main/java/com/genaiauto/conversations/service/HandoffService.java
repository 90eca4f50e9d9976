package com.genaiauto.conversations.service;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.dao.ConversationDao;
import com.genaiauto.conversations.dao.HandoffDao;
import com.genaiauto.conversations.dao.MessageDao;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.service.handoff.HandoffNotice;
import com.genaiauto.conversations.service.handoff.HandoffNotifier;
import com.genaiauto.conversations.service.pii.PiiMasker;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Hands conversations to the human support team: the handoff record and the conversation's flag
 * in one transaction, then the signed webhook (queued, never blocking the chat) and the event to
 * open sockets. Agents list open handoffs, take one over, reply as a human and resolve it.
 */
public final class HandoffService {

    private final Jdbi jdbi;
    private final HandoffNotifier notifier;
    private final ChatEvents events;
    private final PiiMasker masker;
    private final AuditLog audit;
    private final MetricRegistry metrics;
    private final Clock clock;

    public HandoffService(Jdbi jdbi, HandoffNotifier notifier, ChatEvents events, PiiMasker masker, AuditLog audit,
                          MetricRegistry metrics, Clock clock) {
        this.jdbi = jdbi;
        this.notifier = notifier;
        this.events = events;
        this.masker = masker;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Opens a handoff unless one is already active; returns the active handoff either way. */
    public Handoff open(UUID conversationId, UUID userId, String reason, String summary) {
        String priority = HandoffNotice.SAFETY.equals(reason) ? "urgent"
                : HandoffNotice.PROVIDERS_UNAVAILABLE.equals(reason) ? "high" : "normal";
        // The summary goes to an outside system: no personal data in it.
        String masked = masker.redact(summary);
        UUID id = UUID.randomUUID();
        boolean created = jdbi.inTransaction(handle -> {
            int inserted = handle.attach(HandoffDao.class).insertIfNoneActive(id, conversationId, userId, reason,
                    priority, masked, "queued");
            handle.attach(ConversationDao.class).setStatus(conversationId, "handed_off");
            return inserted == 1;
        });
        Handoff handoff = jdbi.onDemand(HandoffDao.class).activeFor(conversationId).orElseThrow();
        // A hazard on a conversation already waiting for a person must not wait in the normal queue.
        boolean escalated = !created && HandoffNotice.SAFETY.equals(reason)
                && jdbi.withHandle(handle -> handle.attach(HandoffDao.class).escalate(handoff.id())) == 1;
        if (escalated) {
            metrics.counter(MetricRegistry.name("handoff", reason)).inc();
            notifier.notify(new HandoffNotice(handoff.id(), conversationId, userId, reason, masked, clock.instant()));
            audit.record(AuditEvent.of("handoff.escalated").by(userId).on("conversation", conversationId)
                    .with(Map.of("reason", reason)));
            return jdbi.onDemand(HandoffDao.class).activeFor(conversationId).orElseThrow();
        }
        if (created) {
            metrics.counter(MetricRegistry.name("handoff", reason)).inc();
            notifier.notify(new HandoffNotice(handoff.id(), conversationId, userId, reason, masked, clock.instant()));
            audit.record(AuditEvent.of("handoff.opened").by(userId).on("conversation", conversationId)
                    .with(Map.of("reason", reason, "priority", priority)));
        }
        return handoff;
    }

    public Optional<Handoff> active(UUID conversationId) {
        return jdbi.onDemand(HandoffDao.class).activeFor(conversationId);
    }

    public Page<Handoff> list(String status, PageRequest page) {
        String wanted = status == null || status.isBlank() ? "open" : status.strip();
        if (!List.of("open", "accepted", "resolved", "cancelled").contains(wanted)) {
            throw new UnprocessableException("status must be open, accepted, resolved or cancelled");
        }
        HandoffDao dao = jdbi.onDemand(HandoffDao.class);
        return Page.of(dao.listByStatus(wanted, page.limit(), page.offset()), dao.countByStatus(wanted), page);
    }

    public Handoff accept(AuthenticatedUser agent, UUID handoffId) {
        Handoff handoff = find(handoffId);
        int updated = jdbi.withHandle(handle -> handle.attach(HandoffDao.class).accept(handoffId, agent.userId()));
        if (updated == 0 && !agent.userId().equals(handoff.assignedAgentId())) {
            throw new ConflictException("this handoff is " + handoff.status() + " and cannot be taken over");
        }
        audit.record(AuditEvent.of("handoff.accepted").by(agent.userId()).on("handoff", handoffId));
        events.publish(new ChatEvent(handoff.conversationId(), "handoff",
                Map.of("handoffId", handoffId, "status", "accepted", "message", "A support agent has joined the conversation.")));
        return find(handoffId);
    }

    /** A human agent's reply in the conversation: stored, then pushed to the owner's open sockets. */
    public Message reply(AuthenticatedUser agent, UUID handoffId, String content) {
        if (content == null || content.isBlank() || content.length() > 4_000) {
            throw new UnprocessableException("content must be 1 to 4000 characters");
        }
        Handoff handoff = find(handoffId);
        if (!"accepted".equals(handoff.status()) || !agent.userId().equals(handoff.assignedAgentId())) {
            throw new ConflictException("take this handoff over before replying in it");
        }
        UUID messageId = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.attach(MessageDao.class)
                .insertIncoming(messageId, handoff.conversationId(), "agent", content.strip(), null));
        Message message = jdbi.onDemand(MessageDao.class).findById(messageId).orElseThrow();
        events.publish(new ChatEvent(handoff.conversationId(), "agent_message",
                Map.of("messageId", messageId, "content", message.content(), "author", "support agent")));
        return message;
    }

    public Handoff resolve(AuthenticatedUser agent, UUID handoffId) {
        Handoff handoff = find(handoffId);
        jdbi.useTransaction(handle -> {
            if (handle.attach(HandoffDao.class).resolve(handoffId) == 1) {
                handle.attach(ConversationDao.class).setStatus(handoff.conversationId(), "active");
            }
        });
        audit.record(AuditEvent.of("handoff.resolved").by(agent.userId()).on("handoff", handoffId));
        events.publish(new ChatEvent(handoff.conversationId(), "handoff",
                Map.of("handoffId", handoffId, "status", "resolved", "message", "The support agent has closed the handoff.")));
        return find(handoffId);
    }

    private Handoff find(UUID handoffId) {
        return jdbi.onDemand(HandoffDao.class).findById(handoffId)
                .orElseThrow(() -> new ResourceNotFoundException("handoff not found"));
    }
}
