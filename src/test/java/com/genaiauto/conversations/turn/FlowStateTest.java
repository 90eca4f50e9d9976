package com.genaiauto.conversations.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.genaiauto.customers.model.ServiceType;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flow state as stored with a conversation")
class FlowStateTest {

    private static final ObjectMapper JSON = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void shouldRoundTripEveryFlowUnderItsName() throws Exception {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        for (FlowState state : List.of(new FlowState.BookingProposal(UUID.randomUUID(), ServiceType.TYRE_ROTATION, "north",
                        now.plusSeconds(86_400), now), new FlowState.CancelProposal(UUID.randomUUID(), now),
                new FlowState.RescheduleProposal(UUID.randomUUID(), now, now), new FlowState.BookingOffer(ServiceType.DIAGNOSTICS, now),
                new FlowState.Diagnosis("grinding when braking"), new FlowState.AwaitingVehicle("tyre pressure?"),
                new FlowState.AgentOffered(now))) {
            String stored = JSON.writerFor(FlowState.class).writeValueAsString(state);
            assertThat(JSON.readValue(stored, FlowState.class)).isEqualTo(state);
        }
    }

    @Test
    void shouldReadTheStateAnEarlierVersionStored() throws Exception {
        String earlier = "{\"flow\":\"booking\",\"vehicleId\":\"8f0c3a52-6a8c-4d53-9a8e-2b0a1e5e7d11\",\"serviceType\":"
                + "\"oil_change\",\"dealer\":\"north\",\"startsAt\":\"2026-12-08T07:00:00Z\",\"proposedAt\":\"2026-12-04T10:00:00Z\"}";
        FlowState state = JSON.readValue(earlier, FlowState.class);
        assertThat(state).isInstanceOf(FlowState.BookingProposal.class);
        assertThat(((FlowState.BookingProposal) state).serviceType()).isEqualTo(ServiceType.OIL_CHANGE);
        assertThat(JSON.readValue("{}", FlowState.class)).isInstanceOf(FlowState.Idle.class);
    }

    /** task_completion_total is exported at zero for these tasks from the start: every proposal is one of them. */
    @Test
    void shouldCountEveryKindOfProposalUnderAKnownTask() {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        List<FlowState.Proposal> proposals = List.of(
                new FlowState.BookingProposal(UUID.randomUUID(), ServiceType.TYRE_ROTATION, "north", now, now),
                new FlowState.CancelProposal(UUID.randomUUID(), now),
                new FlowState.RescheduleProposal(UUID.randomUUID(), now, now));
        assertThat(proposals).extracting(proposal -> proposal.getClass().getName())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(FlowState.Proposal.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        assertThat(proposals).extracting(FlowState.Proposal::task)
                .containsExactlyInAnyOrderElementsOf(FlowState.Proposal.TASKS);
    }

    @Test
    void shouldExpireAProposalAfterHalfAnHour() {
        Instant proposed = Instant.parse("2026-12-01T09:00:00Z");
        FlowState.Proposal proposal = new FlowState.CancelProposal(UUID.randomUUID(), proposed);
        assertThat(proposal.expired(proposed.plusSeconds(29 * 60))).isFalse();
        assertThat(proposal.expired(proposed.plusSeconds(31 * 60))).isTrue();
    }
}
