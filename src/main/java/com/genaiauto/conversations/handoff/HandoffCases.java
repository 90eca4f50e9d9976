package com.genaiauto.conversations.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.model.ConversationDetail;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.HandoffCase;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.model.MessageRole;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.SupportRecords;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts together what an agent needs to take a conversation over ({@link HandoffCase}): the
 * conversation from this module, the owner, vehicle and service history from the customers module's
 * {@link SupportRecords}. Each reading is audited: it shows an owner's conversation to a person.
 */
public final class HandoffCases {

    static final int HISTORY_VISITS = 20;

    private final ConversationStore store;
    private final SupportRecords customers;
    private final AuditLog audit;
    private final ObjectMapper json;

    public HandoffCases(ConversationStore store, SupportRecords customers, AuditLog audit, ObjectMapper json) {
        this.store = store;
        this.customers = customers;
        this.audit = audit;
        this.json = json;
    }

    public HandoffCase read(AuthenticatedUser agent, UUID handoffId) {
        Handoff handoff = store.handoff(handoffId).orElseThrow(() -> new ResourceNotFoundException("handoff not found"));
        ConversationDetail conversation = store.get(agent, handoff.conversationId());
        Optional<SupportRecords.Owner> owner = customers.owner(agent, handoff.userId());
        Vehicle vehicle = vehicleOf(agent, conversation.conversation().vehicleId(), owner);
        List<HandoffCase.Visit> history = vehicle == null ? List.of()
                : customers.serviceHistory(agent, vehicle.id(), HISTORY_VISITS).stream()
                .map(visit -> new HandoffCase.Visit(visit.serviceDate(), visit.serviceType(), visit.description(),
                        visit.mileageKm(), visit.dealer(), visit.cost(), visit.currency()))
                .toList();
        audit.record(AuditEvent.of("handoff.case_read").by(agent.userId()).on("handoff", handoffId));
        return new HandoffCase(handoff, conversation,
                owner.map(o -> new HandoffCase.Owner(handoff.userId(), o.fullName(), o.vehicles().size())).orElse(null),
                vehicle == null ? null : new HandoffCase.CaseVehicle(vehicle.id(), vehicle.vin(), vehicle.make(),
                        vehicle.model(), vehicle.modelYear(), vehicle.powertrain(), vehicle.mileageKm()),
                history, passages(conversation.messages()));
    }

    /** The vehicle the conversation is about; with none named, the owner's only vehicle, if they have one. */
    private Vehicle vehicleOf(AuthenticatedUser agent, UUID named, Optional<SupportRecords.Owner> owner) {
        if (named != null) {
            try {
                return customers.vehicle(agent, named);
            } catch (ResourceNotFoundException gone) {
                return null; // deleted since the conversation named it
            }
        }
        return owner.filter(o -> o.vehicles().size() == 1).map(o -> o.vehicles().get(0)).orElse(null);
    }

    /** The sources of every answer, one entry per document section, most cited first. */
    List<HandoffCase.Passage> passages(List<Message> messages) {
        Map<String, Cited> cited = new LinkedHashMap<>();
        for (Message message : messages) {
            if (message.role() != MessageRole.ASSISTANT) {
                continue;
            }
            for (Source source : sources(message)) {
                cited.computeIfAbsent(source.documentId() + "#" + source.section(), key -> new Cited(source))
                        .by(message.id(), source.score());
            }
        }
        return cited.values().stream()
                .sorted(Comparator.comparingInt((Cited c) -> -c.citedBy.size()))
                .map(Cited::passage)
                .toList();
    }

    private List<Source> sources(Message message) {
        if (message.sources() == null || message.sources().isBlank()) {
            return List.of();
        }
        try {
            return List.of(json.readValue(message.sources(), Source[].class));
        } catch (JsonProcessingException e) {
            return List.of(); // an answer stored by an older version in another shape
        }
    }

    private static final class Cited {
        private final Source source;
        private final List<UUID> citedBy = new ArrayList<>();
        private double best;

        Cited(Source source) {
            this.source = source;
        }

        void by(UUID messageId, double score) {
            if (!citedBy.contains(messageId)) {
                citedBy.add(messageId);
            }
            best = Math.max(best, score);
        }

        HandoffCase.Passage passage() {
            return new HandoffCase.Passage(source.title(), source.section(), source.sourceName(), source.documentId(),
                    best, source.excerpt(), citedBy);
        }
    }
}
