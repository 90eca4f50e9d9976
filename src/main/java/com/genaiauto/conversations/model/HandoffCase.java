package com.genaiauto.conversations.model;

import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a support agent sees of a handed-off conversation: why and how urgently it was handed over,
 * the whole conversation (with each answer's sources), the owner by name, their vehicle with its
 * service history, and the manual passages the assistant's answers drew on. Contact details and
 * licence plates are left out: the agent answers in the conversation.
 *
 * @param handoff        the handoff, its reason, priority and (masked) summary
 * @param conversation   the conversation with its messages, oldest first
 * @param owner          the owner, or null when the login has no customer profile
 * @param vehicle        the conversation's vehicle (or the owner's only one), or null
 * @param serviceHistory that vehicle's visits, most recent first
 * @param passages       the passages the answers cited, most cited first
 */
public record HandoffCase(Handoff handoff, ConversationDetail conversation, Owner owner, CaseVehicle vehicle,
                          List<Visit> serviceHistory, List<Passage> passages) {

    public HandoffCase {
        serviceHistory = List.copyOf(serviceHistory);
        passages = List.copyOf(passages);
    }

    /** The owner as support addresses them, and how many vehicles they have. */
    public record Owner(UUID userId, String fullName, int vehicleCount) {
    }

    /** A vehicle without its licence plate. */
    public record CaseVehicle(UUID id, String vin, String make, String model, int modelYear, String powertrain,
                              int mileageKm) {
    }

    /** One workshop visit. */
    public record Visit(LocalDate serviceDate, String serviceType, String description, Integer mileageKm, String dealer,
                        BigDecimal cost, String currency) {
    }

    /**
     * A manual passage the assistant cited.
     *
     * @param excerpt the passage's text as the answer kept it (null for answers stored without it)
     * @param citedBy the assistant messages that cited it
     */
    public record Passage(String title, String section, String sourceName, UUID documentId, double score,
                          String excerpt, List<UUID> citedBy) {

        public Passage {
            citedBy = List.copyOf(citedBy);
        }
    }
}
