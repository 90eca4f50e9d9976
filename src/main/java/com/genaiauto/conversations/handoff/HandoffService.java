package com.genaiauto.conversations.handoff;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.HandoffStatus;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.pii.PiiMasker;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands conversations to the human support team: the handoff record and the conversation's flag
 * (one transaction, in the store), then the signed webhook (queued, never blocking the chat) and
 * the event to open sockets and to the support consoles. Agents list open handoffs, take one over,
 * reply as a human, and either resolve it or hand the conversation back to the assistant.
 */
public final class HandoffService {

    private final ConversationStore store;
    private final HandoffNotifier notifier;
    private final ChatEvents events;
    private final HandoffEvents queue;
    private final PiiMasker masker;
    private final AuditLog audit;
    private final MetricRegistry metrics;
    private final Clock clock;

    public HandoffService(ConversationStore store, HandoffNotifier notifier, ChatEvents events, HandoffEvents queue,
                          PiiMasker masker, AuditLog audit, MetricRegistry metrics, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.events = events;
        this.queue = queue;
        this.masker = masker;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        // human_handoff_total{reason} of every reason from the first scrape, at zero.
        KnownSeries.counters(metrics, "handoff", Arrays.stream(HandoffReason.values()).map(HandoffReason::wire)
                .toArray(String[]::new));
    }

    /** Opens a handoff unless one is already active; returns the active handoff either way. */
    public Handoff open(UUID conversationId, UUID userId, HandoffReason reason, String summary) {
        // The summary goes to an outside system: no personal data in it.
        String masked = masker.redact(summary);
        boolean created = store.openHandoff(UUID.randomUUID(), conversationId, userId, reason, masked);
        Handoff handoff = store.activeHandoff(conversationId).orElseThrow();
        // A hazard on a conversation already waiting for a person must not wait in the normal queue.
        boolean escalated = !created && reason == HandoffReason.SAFETY && store.escalateHandoff(handoff.id());
        if (created || escalated) {
            metrics.counter(MetricRegistry.name("handoff", reason.wire())).inc();
            notifier.notify(new HandoffNotice(handoff.id(), conversationId, userId, reason, masked, clock.instant()));
            audit.record(AuditEvent.of(escalated ? "handoff.escalated" : "handoff.opened").by(userId)
                    .on("conversation", conversationId)
                    .with(Map.of("reason", reason.wire(), "priority", reason.priority().wire())));
        }
        Handoff current = escalated ? store.activeHandoff(conversationId).orElseThrow() : handoff;
        if (created || escalated) {
            queue.publish(current);
        }
        return current;
    }

    public Optional<Handoff> active(UUID conversationId) {
        return store.activeHandoff(conversationId);
    }

    public Page<Handoff> list(String status, PageRequest page) {
        HandoffStatus wanted = status == null || status.isBlank() ? HandoffStatus.OPEN : HandoffStatus.fromWire(status.strip());
        return store.handoffs(wanted, page);
    }

    public Handoff accept(AuthenticatedUser agent, UUID handoffId) {
        Handoff handoff = find(handoffId);
        if (!store.acceptHandoff(handoffId, agent.userId()) && !agent.userId().equals(handoff.assignedAgentId())) {
            throw new ConflictException("this handoff is " + handoff.status().wire() + " and cannot be taken over");
        }
        audit.record(AuditEvent.of("handoff.accepted").by(agent.userId()).on("handoff", handoffId));
        events.publish(new ChatEvent(handoff.conversationId(), "handoff",
                Map.of("handoffId", handoffId, "status", "accepted", "message", "A support agent has joined the conversation.")));
        Handoff accepted = find(handoffId);
        queue.publish(accepted);
        return accepted;
    }

    /** A human agent's reply in the conversation: stored, then pushed to the owner's open sockets. */
    public Message reply(AuthenticatedUser agent, UUID handoffId, String content) {
        if (content == null || content.isBlank() || content.length() > 4_000) {
            throw new UnprocessableException("content must be 1 to 4000 characters");
        }
        Handoff handoff = find(handoffId);
        if (handoff.status() != HandoffStatus.ACCEPTED || !agent.userId().equals(handoff.assignedAgentId())) {
            throw new ConflictException("take this handoff over before replying in it");
        }
        Message message = store.storeAgentMessage(handoff.conversationId(), content.strip());
        events.publish(new ChatEvent(handoff.conversationId(), "agent_message",
                Map.of("messageId", message.id(), "content", message.content(), "author", "support agent")));
        return message;
    }

    /** The person has dealt with it: the handoff is resolved and the assistant answers again. */
    public Handoff resolve(AuthenticatedUser agent, UUID handoffId) {
        return close(agent, handoffId, HandoffStatus.RESOLVED, "handoff.resolved",
                "The support agent has closed the handoff.");
    }

    /**
     * The conversation goes back to the assistant without a resolution (the owner did not need a
     * person after all, or the assistant can carry on): the handoff ends as {@code cancelled}, the
     * conversation is active again, and the assistant answers the owner's next message.
     */
    public Handoff handBack(AuthenticatedUser agent, UUID handoffId) {
        return close(agent, handoffId, HandoffStatus.CANCELLED, "handoff.handed_back",
                "The conversation is back with the assistant.");
    }

    /**
     * Ends an active handoff. Repeating the same ending answers the handoff as it is (a retried
     * request); ending one that ended otherwise, or that another agent has taken over (unless the
     * caller is an administrator), is a conflict.
     */
    private Handoff close(AuthenticatedUser agent, UUID handoffId, HandoffStatus outcome, String action, String notice) {
        Handoff handoff = find(handoffId);
        if (handoff.status() == outcome) {
            return handoff;
        }
        if (!handoff.status().active()) {
            throw new ConflictException("this handoff is already " + handoff.status().wire());
        }
        if (handoff.status() == HandoffStatus.ACCEPTED && !agent.userId().equals(handoff.assignedAgentId())
                && !agent.is(Role.ADMIN)) {
            throw new ConflictException("another support agent has taken this handoff over");
        }
        if (!store.closeHandoff(handoffId, handoff.conversationId(), outcome)) {
            // Someone else ended it a moment ago.
            Handoff now = find(handoffId);
            if (now.status() == outcome) {
                return now;
            }
            throw new ConflictException("this handoff is already " + now.status().wire());
        }
        audit.record(AuditEvent.of(action).by(agent.userId()).on("handoff", handoffId));
        events.publish(new ChatEvent(handoff.conversationId(), "handoff",
                Map.of("handoffId", handoffId, "status", outcome.wire(), "message", notice)));
        Handoff closed = find(handoffId);
        queue.publish(closed);
        return closed;
    }

    public Handoff find(UUID handoffId) {
        return store.handoff(handoffId).orElseThrow(() -> new ResourceNotFoundException("handoff not found"));
    }
}
