package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.answer.GroundedAnswerer;
import com.genaiauto.conversations.answer.Grounding;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.customers.model.ServiceType;
import com.genaiauto.rag.embed.Embedder;
import java.time.Clock;

/**
 * Helps with something wrong with the car now. When the owner's documents answer it directly (what
 * a warning means, what to do when the key is not detected), the answer comes at once, with an
 * invitation to say more. When they do not, it asks what tells causes apart, then answers from the
 * documents with the symptom and the answer together, and offers a diagnostics appointment.
 * Hazards never reach this agent: a person takes them first.
 */
public final class TroubleshootAgent implements ChatAgent {

    static final String INSTRUCTIONS = "You help vehicle owners with a problem they have now: give the likely causes "
            + "(most likely first) and one clear next step they can safely take; if anything could be unsafe, tell them "
            + "not to drive.";
    static final String QUESTIONS = "Let's narrow it down. Two quick questions:\n"
            + "1. When did it start, and does it happen all the time or only in some conditions (cold, wet, at speed, "
            + "when braking or charging)?\n"
            + "2. Is any warning light or message showing, and does the car otherwise drive normally?\n"
            + "If at any point you see smoke, smell fuel or burning, or the brakes or steering feel wrong, stop the car "
            + "and tell me.";
    static final String MAY_APPLY = "Here is what your manual says that may apply:\n\n";
    static final String MORE = "\n\nIf that doesn't sort it out, tell me when it happens and what you notice, or I can "
            + "book a diagnostics appointment for you.";
    static final String OFFER = "\n\nIf you'd like a technician to check it, say yes and I'll look for a diagnostics "
            + "appointment.";

    private final GroundedAnswerer answerer;
    private final Embedder embedder;
    private final Clock clock;
    private final double confident;

    /** {@code confident}: from this confidence on, the documents' answer is given at once instead of questions first. */
    public TroubleshootAgent(GroundedAnswerer answerer, Embedder embedder, Clock clock, double confident) {
        this.answerer = answerer;
        this.embedder = embedder;
        this.clock = clock;
        this.confident = confident;
    }

    @Override
    public Intent intent() {
        return Intent.TROUBLESHOOT;
    }

    @Override
    public AgentReply answer(Turn turn, double routing, TokenSink sink) {
        if (turn.state() instanceof FlowState.Diagnosis diagnosis) {
            return diagnose(turn, diagnosis, routing, sink);
        }
        Grounding grounding = answerer.ground(turn, routing);
        if (grounding.asksVehicle()) {
            return answerer.deliver(turn, grounding, name(), INSTRUCTIONS, sink);
        }
        if (grounding.answered() && grounding.confidence() >= confident) {
            AgentReply reply = answerer.deliver(turn, grounding, name(), INSTRUCTIONS, sink);
            sink.all(MORE);
            return reply.withAppended(MORE).withState(new FlowState.Diagnosis(turn.text()));
        }
        if (!grounding.answered()) {
            sink.all(QUESTIONS);
            return AgentReply.text(QUESTIONS, name(), routing).withState(new FlowState.Diagnosis(turn.text()));
        }
        // The documents may cover it but not clearly: what they say, then the questions that tell causes apart.
        sink.all(MAY_APPLY);
        AgentReply reply = answerer.deliver(turn, grounding, name(), INSTRUCTIONS, sink);
        sink.all("\n\n" + QUESTIONS);
        return new AgentReply(MAY_APPLY + reply.answer() + "\n\n" + QUESTIONS, AgentReply.Kind.CONVERSATION, name(),
                reply.confidence(), reply.sources(), reply.toolCalls(), reply.degraded(), reply.promptTokens(),
                reply.completionTokens(), new FlowState.Diagnosis(turn.text()), reply.handoff(), reply.handoffNote());
    }

    /** The second turn: the symptom and the owner's answers together, against the documents. */
    private AgentReply diagnose(Turn turn, FlowState.Diagnosis diagnosis, double routing, TokenSink sink) {
        String combined = diagnosis.symptom() + ". " + turn.text();
        String masked = turn.pii().mask(diagnosis.symptom()) + ". " + turn.maskedText();
        Turn joined = turn.withQuestion(combined, masked, embedder.embedQuery(masked));
        Grounding grounding = answerer.ground(joined, routing);
        AgentReply reply = answerer.deliver(joined, grounding, name(), INSTRUCTIONS, sink);
        // A question back ("which car?") stands alone; an unsure answer gets a person offered, not a booking.
        if (grounding.asksVehicle() || !grounding.answered() || grounding.confidence() < confident) {
            return reply;
        }
        sink.all(OFFER);
        return reply.withAppended(OFFER).withState(new FlowState.BookingOffer(ServiceType.DIAGNOSTICS, clock.instant()));
    }
}
