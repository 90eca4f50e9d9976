package com.genaiauto.conversations.service.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.FreeSlot;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.platform.errors.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Service history and appointments through the customers module's tools, with the owner's own
 * identity. Anything that changes a booking is proposed first and done only after the owner says
 * yes; the proposal waits in the conversation's state. Deterministic, so it works offline.
 */
public final class MaintenanceAgent implements ChatAgent {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);
    private static final int DAYS_TO_SEARCH = 14;
    private static final java.time.Duration PROPOSAL_VALIDITY = java.time.Duration.ofMinutes(30);

    private final CustomerTools tools;
    private final Clock clock;
    private final MetricRegistry metrics;

    public MaintenanceAgent(CustomerTools tools, Clock clock, MetricRegistry metrics) {
        this.tools = tools;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Counts how the owner's tasks end: {@code task_completion_total{task, outcome}}. */
    private void completed(String flow, String outcome) {
        metrics.counter(MetricRegistry.name("task.completion", flow, outcome)).inc();
    }

    @Override
    public String name() {
        return "maintenance";
    }

    /** True when the conversation holds a proposal this agent made and awaits an answer to. */
    public static boolean awaitsConfirmation(Turn turn) {
        return List.of("booking", "cancel", "reschedule").contains(turn.flow());
    }

    @Override
    public AgentReply answer(Turn turn, TokenSink sink) {
        List<Map<String, Object>> calls = new ArrayList<>();
        String answer;
        double confidence = 0.9;
        String pendingFlow = turn.flow();
        try {
            answer = awaitsConfirmation(turn) ? confirm(turn, calls) : handle(turn, calls);
        } catch (ApiException e) {
            if (!pendingFlow.isEmpty()) {
                completed(pendingFlow, "failed");
            }
            turn.state().removeAll();
            answer = "I couldn't do that: " + e.getMessage() + ". Shall I look for another time?";
            confidence = 0.6;
        } catch (java.time.DateTimeException e) {
            turn.state().removeAll();
            answer = "I couldn't read that date. Could you give it as, say, \"next Tuesday\" or \"3 December\"?";
            confidence = 0.6;
        }
        sink.all(answer);
        return AgentReply.text(answer, name(), confidence).withToolCalls(calls);
    }

    private String handle(Turn turn, List<Map<String, Object>> calls) {
        String lower = turn.text().toLowerCase(Locale.ROOT);
        if (lower.matches(".*\\b(cancel|call off)\\b.*")) {
            return proposeCancel(turn, calls);
        }
        if (lower.matches(".*\\b(reschedule|move|postpone|change (the|my) (appointment|booking|date|time))\\b.*")) {
            return proposeReschedule(turn, calls);
        }
        if (lower.matches(".*\\b(history|last service|previous|what was done|been done|records?)\\b.*")) {
            return history(turn, calls);
        }
        if (lower.matches(".*\\b(book|schedule|appointment|slot|available|availability|bring (it|the car) in|come in)\\b.*")
                || BookingParser.serviceType(lower).isPresent() && lower.matches(".*\\b(want|need|like|can i|could i)\\b.*")) {
            if (lower.matches(".*\\b(my|upcoming|next) appointments?\\b.*") && !lower.contains("book")) {
                return upcoming(turn, calls);
            }
            return proposeBooking(turn, calls, BookingParser.serviceType(lower).orElse(ServiceType.GENERAL_SERVICE));
        }
        if (lower.matches(".*\\b(appointments?|booked|booking)\\b.*")) {
            return upcoming(turn, calls);
        }
        return "I can look up your service history, list your appointments, and book, move or cancel a workshop visit. "
                + "For example: \"Book an oil change next Tuesday morning\".";
    }

    // --- booking -------------------------------------------------------------------------------

    private String proposeBooking(Turn turn, List<Map<String, Object>> calls, ServiceType type) {
        Optional<Vehicle> vehicle = vehicle(turn);
        if (vehicle.isEmpty()) {
            return turn.vehicles().isEmpty()
                    ? "I don't see a vehicle on your account yet. Add your car (with its VIN) and I can book it in."
                    : "Which car is it for? " + describeVehicles(turn.vehicles()) + " Choose it above and ask again.";
        }
        Dealer dealer = dealer(turn.text());
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(dealer.timeZone())));
        LocalDate from = BookingParser.date(turn.text(), today).orElse(today.plusDays(1));
        BookingParser.TimePreference preference = BookingParser.time(turn.text());
        Optional<FreeSlot> slot = firstFreeSlot(dealer, from, type, preference, calls);
        if (slot.isEmpty()) {
            return "I couldn't find a free " + label(type) + " slot at " + dealer.name() + " in the two weeks from "
                    + from + ". Would another day or workshop suit you?";
        }
        ObjectNode state = turn.state();
        state.removeAll();
        state.put("flow", "booking").put("vehicleId", vehicle.get().id().toString()).put("serviceType", type.wireName())
                .put("dealer", dealer.id()).put("startsAt", slot.get().startsAt().toString())
                .put("proposedAt", clock.instant().toString());
        return "I can book " + article(label(type)) + " " + label(type) + " for your " + describe(vehicle.get()) + " at "
                + dealer.name() + " on " + when(slot.get().startsAt(), dealer) + ". Shall I book it? (yes/no)";
    }

    private Optional<FreeSlot> firstFreeSlot(Dealer dealer, LocalDate from, ServiceType type,
                                             BookingParser.TimePreference preference, List<Map<String, Object>> calls) {
        ZoneId zone = ZoneId.of(dealer.timeZone());
        Instant now = clock.instant();
        for (int day = 0; day < DAYS_TO_SEARCH; day++) {
            LocalDate date = from.plusDays(day);
            List<FreeSlot> slots = tools.freeSlots(dealer.id(), date, type);
            calls.add(call("free_slots", Map.of("dealer", dealer.id(), "date", date.toString(), "serviceType",
                    type.wireName()), Map.of("count", slots.size())));
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

    private String confirm(Turn turn, List<Map<String, Object>> calls) {
        ObjectNode state = turn.state();
        String flow = turn.flow();
        if (BookingParser.isNo(turn.text())) {
            completed(flow, "declined");
            state.removeAll();
            return "No problem, I haven't changed anything. Is there another time that would suit you?";
        }
        if (!BookingParser.isYes(turn.text())) {
            // Another request replaces the pending one rather than being ignored.
            completed(flow, "abandoned");
            state.removeAll();
            return handle(turn, calls);
        }
        Map<String, String> pending = pending(turn);
        if (Instant.parse(pending.getOrDefault("proposedAt", Instant.EPOCH.toString()))
                .isBefore(clock.instant().minus(PROPOSAL_VALIDITY))) {
            completed(flow, "expired");
            state.removeAll();
            return "That proposal is more than " + PROPOSAL_VALIDITY.toMinutes() + " minutes old and the slot may be gone. "
                    + "Tell me again what you need and I'll look for a time.";
        }
        // Only one of two concurrent "yes" answers may act on the proposal.
        if (!turn.claimState().test(state.toString())) {
            state.removeAll();
            return "That request is already being handled. Check your appointments in a moment.";
        }
        state.removeAll();
        String done = switch (flow) {
            case "booking" -> book(turn, calls, pending);
            case "cancel" -> cancel(turn, calls, pending);
            default -> reschedule(turn, calls, pending);
        };
        completed(flow, "completed");
        return done;
    }

    private String book(Turn turn, List<Map<String, Object>> calls, Map<String, String> pending) {
        Dealer dealer = dealerById(pending.get("dealer"));
        Appointment booked = tools.book(turn.user(), UUID.fromString(pending.get("vehicleId")),
                ServiceType.valueOf(pending.get("serviceType").toUpperCase(Locale.ROOT)), dealer.id(),
                Instant.parse(pending.get("startsAt")), "Booked by the assistant");
        calls.add(call("book", Map.copyOf(pending), Map.of("appointmentId", booked.id().toString(),
                "status", booked.status().name().toLowerCase(Locale.ROOT))));
        return "Done: your " + label(booked.serviceType()) + " is booked at " + dealer.name() + " on "
                + when(booked.startsAt(), dealer) + " (bay " + booked.bay() + "). Your booking reference is "
                + booked.id().toString().substring(0, 8) + ". You'll find it under your appointments.";
    }

    // --- cancel and reschedule ------------------------------------------------------------------

    private String proposeCancel(Turn turn, List<Map<String, Object>> calls) {
        Optional<Appointment> appointment = chosenAppointment(turn, calls);
        if (appointment.isEmpty()) {
            return "You have no upcoming appointments to cancel.";
        }
        Dealer dealer = dealerById(appointment.get().dealer());
        turn.state().removeAll();
        turn.state().put("flow", "cancel").put("appointmentId", appointment.get().id().toString())
                .put("proposedAt", clock.instant().toString());
        return "Shall I cancel your " + label(appointment.get().serviceType()) + " on "
                + when(appointment.get().startsAt(), dealer) + " at " + dealer.name() + "? (yes/no)";
    }

    private String cancel(Turn turn, List<Map<String, Object>> calls, Map<String, String> pending) {
        Appointment cancelled = tools.cancel(turn.user(), UUID.fromString(pending.get("appointmentId")));
        calls.add(call("cancel", Map.copyOf(pending), Map.of("status", cancelled.status().name().toLowerCase(Locale.ROOT))));
        return "Your " + label(cancelled.serviceType()) + " on " + when(cancelled.startsAt(), dealerById(cancelled.dealer()))
                + " is cancelled.";
    }

    private String proposeReschedule(Turn turn, List<Map<String, Object>> calls) {
        Optional<Appointment> appointment = chosenAppointment(turn, calls);
        if (appointment.isEmpty()) {
            return "You have no upcoming appointments to move. Would you like to book one?";
        }
        Dealer dealer = dealerById(appointment.get().dealer());
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(dealer.timeZone())));
        Optional<LocalDate> day = BookingParser.date(turn.text(), today);
        if (day.isEmpty()) {
            return "To which day should I move your " + label(appointment.get().serviceType()) + " on "
                    + when(appointment.get().startsAt(), dealer) + "? For example: \"move it to Friday afternoon\".";
        }
        Optional<FreeSlot> slot = firstFreeSlot(dealer, day.get(), appointment.get().serviceType(),
                BookingParser.time(turn.text()), calls);
        if (slot.isEmpty()) {
            return "I couldn't find a free slot from " + day.get() + ". Would another day suit you?";
        }
        turn.state().removeAll();
        turn.state().put("flow", "reschedule").put("appointmentId", appointment.get().id().toString())
                .put("startsAt", slot.get().startsAt().toString()).put("proposedAt", clock.instant().toString());
        return "I can move your " + label(appointment.get().serviceType()) + " to " + when(slot.get().startsAt(), dealer)
                + " at " + dealer.name() + ". Shall I? (yes/no)";
    }

    private String reschedule(Turn turn, List<Map<String, Object>> calls, Map<String, String> pending) {
        Appointment moved = tools.reschedule(turn.user(), UUID.fromString(pending.get("appointmentId")),
                Instant.parse(pending.get("startsAt")));
        calls.add(call("reschedule", Map.copyOf(pending), Map.of("startsAt", moved.startsAt().toString())));
        return "Done: your " + label(moved.serviceType()) + " is now on " + when(moved.startsAt(), dealerById(moved.dealer()))
                + ".";
    }

    private Optional<Appointment> chosenAppointment(Turn turn, List<Map<String, Object>> calls) {
        List<Appointment> upcoming = tools.upcomingAppointments(turn.user());
        calls.add(call("upcoming_appointments", Map.of(), Map.of("count", upcoming.size())));
        return upcoming.stream().findFirst();
    }

    // --- look-ups --------------------------------------------------------------------------------

    private String upcoming(Turn turn, List<Map<String, Object>> calls) {
        List<Appointment> upcoming = tools.upcomingAppointments(turn.user());
        calls.add(call("upcoming_appointments", Map.of(), Map.of("count", upcoming.size())));
        if (upcoming.isEmpty()) {
            return "You have no upcoming appointments. Would you like me to book one?";
        }
        StringBuilder text = new StringBuilder("Your upcoming appointments:\n");
        for (Appointment appointment : upcoming) {
            Dealer dealer = dealerById(appointment.dealer());
            text.append("- ").append(capitalise(label(appointment.serviceType()))).append(" on ")
                    .append(when(appointment.startsAt(), dealer)).append(" at ").append(dealer.name()).append(" (")
                    .append(appointment.status().name().toLowerCase(Locale.ROOT)).append(")\n");
        }
        return text.toString().strip();
    }

    private String history(Turn turn, List<Map<String, Object>> calls) {
        Optional<Vehicle> vehicle = vehicle(turn);
        if (vehicle.isEmpty()) {
            return turn.vehicles().isEmpty() ? "I don't see a vehicle on your account yet."
                    : "Which car do you mean? " + describeVehicles(turn.vehicles());
        }
        List<ServiceRecord> records = tools.serviceHistory(turn.user(), vehicle.get().id(), 5);
        calls.add(call("service_history", Map.of("vehicleId", vehicle.get().id().toString()),
                Map.of("count", records.size())));
        if (records.isEmpty()) {
            return "There is no service recorded for your " + describe(vehicle.get()) + " yet.";
        }
        StringBuilder text = new StringBuilder("Recent service on your " + describe(vehicle.get()) + ":\n");
        for (ServiceRecord record : records) {
            text.append("- ").append(record.serviceDate()).append(": ").append(record.description());
            if (record.mileageKm() != null) {
                text.append(" at ").append(String.format(Locale.ENGLISH, "%,d km", record.mileageKm()));
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static Optional<Vehicle> vehicle(Turn turn) {
        if (turn.vehicle() != null) {
            return Optional.of(turn.vehicle());
        }
        return turn.vehicles().size() == 1 ? Optional.of(turn.vehicles().get(0)) : Optional.empty();
    }

    private Dealer dealer(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Dealer> dealers = tools.dealers();
        return dealers.stream()
                .filter(dealer -> lower.contains(dealer.id().toLowerCase(Locale.ROOT))
                        || lower.contains(dealer.name().toLowerCase(Locale.ROOT)))
                .findFirst().orElse(dealers.get(0));
    }

    private Dealer dealerById(String id) {
        return tools.dealers().stream().filter(dealer -> dealer.id().equals(id)).findFirst()
                .orElseGet(() -> tools.dealers().get(0));
    }

    private static Map<String, String> pending(Turn turn) {
        Map<String, String> values = new LinkedHashMap<>();
        turn.state().properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static Map<String, Object> call(String name, Map<String, ?> arguments, Map<String, ?> result) {
        return Map.of("name", name, "arguments", arguments, "result", result);
    }

    private static String when(Instant instant, Dealer dealer) {
        ZonedDateTime local = instant.atZone(ZoneId.of(dealer.timeZone()));
        return WHEN.format(local);
    }

    private static String label(ServiceType type) {
        return type.wireName().replace('_', ' ').replace("ev ", "EV ");
    }

    private static String article(String label) {
        return "aeiou".indexOf(Character.toLowerCase(label.charAt(0))) >= 0 || label.startsWith("EV") ? "an" : "a";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String describe(Vehicle vehicle) {
        return vehicle.modelYear() + " " + vehicle.make() + " " + vehicle.model();
    }

    private static String describeVehicles(List<Vehicle> vehicles) {
        return "You have: " + String.join(", ", vehicles.stream().map(MaintenanceAgent::describe).toList()) + ".";
    }
}
