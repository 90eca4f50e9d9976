package com.genaiauto.conversations.turn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.genaiauto.customers.model.ServiceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a multi-turn flow of a conversation stands, stored with the conversation as JSON under a
 * {@code flow} name: a change to a booking awaiting the owner's yes, a diagnosis in progress, a
 * question waiting to know which car it is about. {@link Idle} when nothing is pending.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "flow", defaultImpl = FlowState.Idle.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = FlowState.BookingProposal.class, name = "booking"),
        @JsonSubTypes.Type(value = FlowState.CancelProposal.class, name = "cancel"),
        @JsonSubTypes.Type(value = FlowState.RescheduleProposal.class, name = "reschedule"),
        @JsonSubTypes.Type(value = FlowState.BookingOffer.class, name = "booking_offer"),
        @JsonSubTypes.Type(value = FlowState.Diagnosis.class, name = "troubleshoot"),
        @JsonSubTypes.Type(value = FlowState.AwaitingVehicle.class, name = "vehicle_question"),
        @JsonSubTypes.Type(value = FlowState.AgentOffered.class, name = "agent_offered")})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface FlowState {

    /** How long a proposal may wait for the owner's yes: past it, the slot may be gone. */
    Duration PROPOSAL_VALIDITY = Duration.ofMinutes(30);

    FlowState IDLE = new Idle();

    /** A change to the owner's bookings that waits for their yes. */
    sealed interface Proposal extends FlowState {
        /** What {@link #task()} answers for each kind of proposal. */
        List<String> TASKS = List.of("booking", "cancel", "reschedule");

        Instant proposedAt();

        /** The name the task-completion metric counts it under. */
        String task();

        default boolean expired(Instant now) {
            return proposedAt().isBefore(now.minus(PROPOSAL_VALIDITY));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Idle() implements FlowState {
    }

    record BookingProposal(UUID vehicleId, ServiceType serviceType, String dealer, Instant startsAt,
                           Instant proposedAt) implements Proposal {
        @Override
        public String task() {
            return "booking";
        }
    }

    record CancelProposal(UUID appointmentId, Instant proposedAt) implements Proposal {
        @Override
        public String task() {
            return "cancel";
        }
    }

    record RescheduleProposal(UUID appointmentId, Instant startsAt, Instant proposedAt) implements Proposal {
        @Override
        public String task() {
            return "reschedule";
        }
    }

    /** The assistant offered to find a slot for this service; a yes looks for one. */
    record BookingOffer(ServiceType serviceType, Instant offeredAt) implements FlowState {
    }

    /** A diagnosis under way: the symptom the owner described first. */
    record Diagnosis(String symptom) implements FlowState {
    }

    /** The assistant was unsure of its answer and offered a support agent; a yes brings one in. */
    record AgentOffered(Instant offeredAt) implements FlowState {
    }

    /** A question put on hold until the owner says which of their cars it is about. */
    record AwaitingVehicle(String question) implements FlowState {
    }
}
