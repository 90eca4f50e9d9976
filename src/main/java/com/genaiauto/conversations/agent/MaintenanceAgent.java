package com.genaiauto.conversations.agent;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.conversations.answer.GroundedAnswerer;
import com.genaiauto.conversations.answer.Grounding;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.customers.model.Appointment;
import com.genaiauto.customers.model.Dealer;
import com.genaiauto.customers.model.ServiceRecord;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.platform.errors.ApiException;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Service intervals, the owner's service history and their appointments. A question about when or
 * how often something is due is answered from the owner's car's maintenance schedule (with the
 * last recorded service, when there is one), and only then is a booking offered; requests to book,
 * move or cancel go through {@link BookingFlows}, which proposes before it acts.
 */
public final class MaintenanceAgent implements ChatAgent {

    static final String INSTRUCTIONS = "You answer vehicle owners' questions about maintenance from their car's "
            + "service schedule: intervals in time and distance, and what each service includes.";
    private static final Pattern CANCEL = Pattern.compile("\\b(cancel|call off)\\b");
    private static final Pattern MOVE = Pattern.compile("\\b(reschedule|move|postpone|push (it|my \\w+) back|bring .* forward"
            + "|change (the|my) (appointment|booking|date|time))\\b");
    private static final Pattern HISTORY = Pattern.compile("\\b(history|last service|previous (service|visit)|what (was|has been) "
            + "done|been done|records?|last time|so far)\\b");
    private static final Pattern BOOK = Pattern.compile("\\b(book|schedule (a|an|my|me)|appointment|slot|available|availability"
            + "|bring (it|the car) in|come in|drop (it|the car) off|put me down|see me)\\b");
    private static final Pattern LIST = Pattern.compile("\\b(my|upcoming|next) (appointments?|bookings?)\\b|\\bappointments? "
            + "(do i have|have i got)\\b|\\bwhat time is my\\b");

    private final CustomerTools tools;
    private final GroundedAnswerer answerer;
    private final Workshops workshops;
    private final BookingFlows bookings;
    private final Clock clock;
    private final double confident;

    /** {@code confident}: from this confidence on, a schedule answer is followed by an offer to book. */
    public MaintenanceAgent(CustomerTools tools, GroundedAnswerer answerer, Clock clock, MetricRegistry metrics,
                            double confident) {
        this.tools = tools;
        this.clock = clock;
        this.confident = confident;
        this.answerer = answerer;
        this.workshops = new Workshops(tools);
        this.bookings = new BookingFlows(tools, workshops, clock, metrics);
    }

    @Override
    public Intent intent() {
        return Intent.MAINTENANCE;
    }

    /**
     * True when the message answers a proposal of this agent (a plain yes or no) or takes up its
     * offer to book; anything else is a new message and the proposal is left behind.
     */
    public static boolean awaitsAnswer(Turn turn) {
        return turn.state() instanceof FlowState.Proposal && (BookingParser.isYes(turn.text()) || BookingParser.isNo(turn.text()))
                || turn.state() instanceof FlowState.BookingOffer && BookingParser.isYes(turn.text());
    }

    /** Counts a proposal the owner left for another subject. */
    public void abandoned(FlowState.Proposal proposal) {
        bookings.completed(proposal.task(), "abandoned");
    }

    @Override
    public AgentReply answer(Turn turn, double routing, TokenSink sink) {
        List<ToolCall> calls = new ArrayList<>();
        FlowState pending = turn.state();
        try {
            AgentReply reply;
            if (pending instanceof FlowState.Proposal proposal) {
                reply = confirm(turn, proposal, routing, calls, sink);
            } else if (pending instanceof FlowState.BookingOffer offer && BookingParser.isYes(turn.text())) {
                reply = step(bookings.proposeBooking(turn, offer.serviceType(), calls), routing, sink);
            } else {
                reply = handle(turn, routing, calls, sink);
            }
            return reply.withToolCalls(calls);
        } catch (ApiException e) {
            if (pending instanceof FlowState.Proposal proposal) {
                bookings.completed(proposal.task(), "failed");
            }
            // An action's reply carries the routing's confidence: whether it is the owner's matter, not
            // whether a passage answers (only answers are handed off for low confidence).
            return say("I couldn't do that: " + sentence(e.getMessage()) + " Shall I look for another time?", routing,
                    sink).withToolCalls(calls);
        } catch (DateTimeException e) {
            return say("I couldn't read that date. Could you give it as, say, \"next Tuesday\" or \"3 December\"?",
                    routing, sink).withToolCalls(calls);
        }
    }

    private AgentReply confirm(Turn turn, FlowState.Proposal proposal, double routing, List<ToolCall> calls, TokenSink sink) {
        if (BookingParser.isNo(turn.text())) {
            bookings.completed(proposal.task(), "declined");
            return say("No problem, I haven't changed anything. Is there another time that would suit you?", routing, sink);
        }
        return say(bookings.confirm(turn, proposal, calls), routing, sink);
    }

    private AgentReply handle(Turn turn, double routing, List<ToolCall> calls, TokenSink sink) {
        String lower = turn.text().toLowerCase(Locale.ROOT);
        if (CANCEL.matcher(lower).find()) {
            return step(bookings.proposeCancel(turn, calls), routing, sink);
        }
        if (MOVE.matcher(lower).find()) {
            return step(bookings.proposeReschedule(turn, calls), routing, sink);
        }
        if (LIST.matcher(lower).find() && !lower.contains("book")) {
            return say(upcoming(turn, calls), routing, sink);
        }
        if (HISTORY.matcher(lower).find()) {
            return say(history(turn, calls), routing, sink);
        }
        Optional<ServiceType> named = BookingParser.serviceType(lower);
        if (BOOK.matcher(lower).find()) {
            return step(bookings.proposeBooking(turn, named.orElse(ServiceType.GENERAL_SERVICE), calls), routing, sink);
        }
        return schedule(turn, routing, named.orElse(ServiceType.GENERAL_SERVICE), calls, sink);
    }

    /** An interval question: the schedule's answer for this car, its last service, then an offer to book. */
    private AgentReply schedule(Turn turn, double routing, ServiceType type, List<ToolCall> calls, TokenSink sink) {
        Grounding grounding = answerer.ground(turn, routing);
        AgentReply reply = answerer.deliver(turn, grounding, name(), INSTRUCTIONS, sink);
        // An answer the assistant is unsure of gets a person offered, not a booking.
        if (!grounding.answered() || grounding.confidence() < confident) {
            return reply;
        }
        StringBuilder more = new StringBuilder();
        Optional<Vehicle> vehicle = turn.ownVehicle();
        if (vehicle.isPresent()) {
            List<ServiceRecord> records = tools.serviceHistory(turn.user(), vehicle.get().id(), 1);
            calls.add(new ToolCall("service_history", Map.of("vehicleId", vehicle.get().id().toString()),
                    Map.of("count", Integer.toString(records.size()))));
            if (!records.isEmpty()) {
                ServiceRecord last = records.get(0);
                more.append("\n\nYour last recorded service was on ").append(last.serviceDate()).append(": ")
                        .append(last.description());
                if (last.mileageKm() != null) {
                    more.append(String.format(Locale.ENGLISH, " at %,d km", last.mileageKm()));
                }
                more.append('.');
            }
        }
        more.append("\n\nWould you like me to find a workshop slot for it? Say yes and I'll look.");
        sink.all(more.toString());
        return reply.withAppended(more.toString()).withState(new FlowState.BookingOffer(type, clock.instant()));
    }

    private String history(Turn turn, List<ToolCall> calls) {
        Optional<Vehicle> vehicle = turn.ownVehicle();
        if (vehicle.isEmpty()) {
            return turn.vehicles().isEmpty() ? "I don't see a vehicle on your account yet."
                    : "Which car do you mean? " + Workshops.describeAll(turn.vehicles());
        }
        List<ServiceRecord> records = tools.serviceHistory(turn.user(), vehicle.get().id(), 5);
        calls.add(new ToolCall("service_history", Map.of("vehicleId", vehicle.get().id().toString()),
                Map.of("count", Integer.toString(records.size()))));
        if (records.isEmpty()) {
            return "There is no service recorded for your " + Workshops.describe(vehicle.get()) + " yet.";
        }
        StringBuilder text = new StringBuilder("Recent service on your " + Workshops.describe(vehicle.get()) + ":\n");
        for (ServiceRecord record : records) {
            text.append("- ").append(record.serviceDate()).append(": ").append(record.description());
            if (record.mileageKm() != null) {
                text.append(" at ").append(String.format(Locale.ENGLISH, "%,d km", record.mileageKm()));
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    private String upcoming(Turn turn, List<ToolCall> calls) {
        List<Appointment> upcoming = tools.upcomingAppointments(turn.user());
        calls.add(new ToolCall("upcoming_appointments", Map.of(), Map.of("count", Integer.toString(upcoming.size()))));
        if (upcoming.isEmpty()) {
            return "You have no upcoming appointments. Would you like me to book one?";
        }
        StringBuilder text = new StringBuilder("Your upcoming appointments:\n");
        for (Appointment appointment : upcoming) {
            Dealer dealer = workshops.byId(appointment.dealer());
            text.append("- ").append(Workshops.capitalise(Workshops.label(appointment.serviceType()))).append(" on ")
                    .append(Workshops.when(appointment.startsAt(), dealer)).append(" at ").append(dealer.name())
                    .append(" (").append(appointment.status().name().toLowerCase(Locale.ROOT)).append(")\n");
        }
        return text.toString().strip();
    }

    private AgentReply step(BookingFlows.Step step, double routing, TokenSink sink) {
        return say(step.text(), routing, sink).withState(step.state());
    }

    /** A message as a sentence: one full stop at its end, whether or not it came with one. */
    static String sentence(String message) {
        String text = message == null ? "" : message.strip();
        return text.isEmpty() || text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    private AgentReply say(String text, double confidence, TokenSink sink) {
        sink.all(text);
        return AgentReply.text(text, name(), confidence).withKind(AgentReply.Kind.ACTION);
    }
}
