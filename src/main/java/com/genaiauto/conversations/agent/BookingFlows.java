package com.genaiauto.conversations.agent;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.platform.metrics.KnownSeries;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Booking, cancelling and moving workshop visits through the customers module's tools, with the
 * owner's identity. Every change is proposed first and done only after the owner's plain yes; the
 * proposal waits in the conversation's flow state, and of two concurrent yeses only one acts.
 */
final class BookingFlows {

    private static final int DAYS_TO_SEARCH = 14;
    /** How a proposed task ends, as {@code task_completion_total} counts it. */
    static final List<String> OUTCOMES = List.of("completed", "declined", "abandoned", "expired", "failed");

    /** What a step said and the flow state after it. */
    record Step(String text, FlowState state) {
    }

    private final CustomerTools tools;
    private final Workshops workshops;
    private final Clock clock;
    private final MetricRegistry metrics;

    BookingFlows(CustomerTools tools, Workshops workshops, Clock clock, MetricRegistry metrics) {
        this.tools = tools;
        this.workshops = workshops;
        this.clock = clock;
        this.metrics = metrics;
        // task_completion_total{task, outcome} of every task and outcome from the first scrape, at zero.
        KnownSeries.counters(metrics, "task.completion", List.of(FlowState.Proposal.TASKS, OUTCOMES));
    }

    /** Counts how the owner's tasks end: {@code task_completion_total{task, outcome}}. */
    void completed(String task, String outcome) {
        metrics.counter(MetricRegistry.name("task.completion", task, outcome)).inc();
    }

    Step proposeBooking(Turn turn, ServiceType requested, List<ToolCall> calls) {
        Optional<Vehicle> vehicle = vehicle(turn);
        if (vehicle.isEmpty()) {
            return new Step(turn.vehicles().isEmpty()
                    ? "I don't see a vehicle on your account yet. Add your car (with its VIN) and I can book it in."
                    : "Which car is it for? " + Workshops.describeAll(turn.vehicles()) + " Choose it above and ask again.",
                    FlowState.IDLE);
        }
        String note = "";
        ServiceType type = requested;
        if (type == ServiceType.OIL_CHANGE && "electric".equals(vehicle.get().powertrain())) {
            // An electric car has no engine oil: book what its schedule has instead of a visit that makes no sense.
            type = ServiceType.EV_SERVICE;
            note = "Your " + vehicle.get().model() + " is electric and has no engine oil to change, so I looked for an "
                    + "EV service instead. ";
        }
        Dealer dealer = workshops.named(turn.text());
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(dealer.timeZone())));
        LocalDate from = BookingParser.date(turn.text(), today).orElse(today.plusDays(1));
        Optional<FreeSlot> slot = firstFreeSlot(dealer, from, type, BookingParser.time(turn.text()), calls);
        if (slot.isEmpty()) {
            return new Step(note + "I couldn't find a free " + Workshops.label(type) + " slot at " + dealer.name()
                    + " in the two weeks from " + from + ". Would another day or workshop suit you?", FlowState.IDLE);
        }
        String label = Workshops.label(type);
        return new Step(note + "I can book " + Workshops.article(label) + " " + label + " for your "
                + Workshops.describe(vehicle.get()) + " at " + dealer.name() + " on "
                + Workshops.when(slot.get().startsAt(), dealer) + ". Shall I book it? (yes/no)",
                new FlowState.BookingProposal(vehicle.get().id(), type, dealer.id(), slot.get().startsAt(), clock.instant()));
    }

    Step proposeCancel(Turn turn, List<ToolCall> calls) {
        Optional<Appointment> appointment = nextAppointment(turn, calls);
        if (appointment.isEmpty()) {
            return new Step("You have no upcoming appointments to cancel.", FlowState.IDLE);
        }
        Dealer dealer = workshops.byId(appointment.get().dealer());
        return new Step("Shall I cancel your " + Workshops.label(appointment.get().serviceType()) + " on "
                + Workshops.when(appointment.get().startsAt(), dealer) + " at " + dealer.name() + "? (yes/no)",
                new FlowState.CancelProposal(appointment.get().id(), clock.instant()));
    }

    Step proposeReschedule(Turn turn, List<ToolCall> calls) {
        Optional<Appointment> appointment = nextAppointment(turn, calls);
        if (appointment.isEmpty()) {
            return new Step("You have no upcoming appointments to move. Would you like to book one?", FlowState.IDLE);
        }
        Dealer dealer = workshops.byId(appointment.get().dealer());
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(dealer.timeZone())));
        Optional<LocalDate> day = BookingParser.date(turn.text(), today);
        if (day.isEmpty()) {
            return new Step("To which day should I move your " + Workshops.label(appointment.get().serviceType()) + " on "
                    + Workshops.when(appointment.get().startsAt(), dealer)
                    + "? For example: \"move it to Friday afternoon\".", FlowState.IDLE);
        }
        Optional<FreeSlot> slot = firstFreeSlot(dealer, day.get(), appointment.get().serviceType(),
                BookingParser.time(turn.text()), calls);
        if (slot.isEmpty()) {
            return new Step("I couldn't find a free slot from " + day.get() + ". Would another day suit you?", FlowState.IDLE);
        }
        return new Step("I can move your " + Workshops.label(appointment.get().serviceType()) + " to "
                + Workshops.when(slot.get().startsAt(), dealer) + " at " + dealer.name() + ". Shall I? (yes/no)",
                new FlowState.RescheduleProposal(appointment.get().id(), slot.get().startsAt(), clock.instant()));
    }

    /** Acts on a proposal the owner said yes to, if it is still fresh and no concurrent yes took it. */
    String confirm(Turn turn, FlowState.Proposal proposal, List<ToolCall> calls) {
        if (proposal.expired(clock.instant())) {
            completed(proposal.task(), "expired");
            return "That proposal is more than " + FlowState.PROPOSAL_VALIDITY.toMinutes() + " minutes old and the slot "
                    + "may be gone. Tell me again what you need and I'll look for a time.";
        }
        if (!turn.claim().test(proposal)) {
            return "That request is already being handled. Check your appointments in a moment.";
        }
        String done;
        if (proposal instanceof FlowState.BookingProposal booking) {
            done = book(turn, booking, calls);
        } else if (proposal instanceof FlowState.CancelProposal cancel) {
            done = cancel(turn, cancel, calls);
        } else {
            done = reschedule(turn, (FlowState.RescheduleProposal) proposal, calls);
        }
        completed(proposal.task(), "completed");
        return done;
    }

    private String book(Turn turn, FlowState.BookingProposal booking, List<ToolCall> calls) {
        Dealer dealer = workshops.byId(booking.dealer());
        Appointment booked = tools.book(turn.user(), booking.vehicleId(), booking.serviceType(), dealer.id(),
                booking.startsAt(), "Booked by the assistant");
        calls.add(new ToolCall("book", Map.of("vehicleId", booking.vehicleId().toString(),
                "serviceType", booking.serviceType().wireName(), "dealer", dealer.id(), "startsAt", booking.startsAt().toString()),
                Map.of("appointmentId", booked.id().toString(), "status", booked.status().name().toLowerCase(java.util.Locale.ROOT))));
        return "Done: your " + Workshops.label(booked.serviceType()) + " is booked at " + dealer.name() + " on "
                + Workshops.when(booked.startsAt(), dealer) + " (bay " + booked.bay() + "). Your booking reference is "
                + booked.id().toString().substring(0, 8) + ". You'll find it under your appointments.";
    }

    private String cancel(Turn turn, FlowState.CancelProposal cancel, List<ToolCall> calls) {
        Appointment cancelled = tools.cancel(turn.user(), cancel.appointmentId());
        calls.add(new ToolCall("cancel", Map.of("appointmentId", cancel.appointmentId().toString()),
                Map.of("status", cancelled.status().name().toLowerCase(java.util.Locale.ROOT))));
        return "Your " + Workshops.label(cancelled.serviceType()) + " on "
                + Workshops.when(cancelled.startsAt(), workshops.byId(cancelled.dealer())) + " is cancelled.";
    }

    private String reschedule(Turn turn, FlowState.RescheduleProposal reschedule, List<ToolCall> calls) {
        Appointment moved = tools.reschedule(turn.user(), reschedule.appointmentId(), reschedule.startsAt());
        calls.add(new ToolCall("reschedule", Map.of("appointmentId", reschedule.appointmentId().toString(),
                "startsAt", reschedule.startsAt().toString()), Map.of("startsAt", moved.startsAt().toString())));
        return "Done: your " + Workshops.label(moved.serviceType()) + " is now on "
                + Workshops.when(moved.startsAt(), workshops.byId(moved.dealer())) + ".";
    }

    private Optional<FreeSlot> firstFreeSlot(Dealer dealer, LocalDate from, ServiceType type,
                                             BookingParser.TimePreference preference, List<ToolCall> calls) {
        ZoneId zone = ZoneId.of(dealer.timeZone());
        Instant now = clock.instant();
        for (int day = 0; day < DAYS_TO_SEARCH; day++) {
            LocalDate date = from.plusDays(day);
            List<FreeSlot> slots = tools.freeSlots(dealer.id(), date, type);
            calls.add(new ToolCall("free_slots", Map.of("dealer", dealer.id(), "date", date.toString(),
                    "serviceType", type.wireName()), Map.of("count", Integer.toString(slots.size()))));
            Optional<FreeSlot> match = slots.stream()
                    .filter(slot -> slot.startsAt().isAfter(now))
                    .filter(slot -> preference.accepts(slot.startsAt().atZone(zone).toLocalTime()))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private Optional<Appointment> nextAppointment(Turn turn, List<ToolCall> calls) {
        List<Appointment> upcoming = tools.upcomingAppointments(turn.user());
        calls.add(new ToolCall("upcoming_appointments", Map.of(), Map.of("count", Integer.toString(upcoming.size()))));
        return upcoming.stream().findFirst();
    }

    static Optional<Vehicle> vehicle(Turn turn) {
        return turn.ownVehicle();
    }
}
