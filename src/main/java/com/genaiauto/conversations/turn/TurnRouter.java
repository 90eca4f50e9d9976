package com.genaiauto.conversations.turn;

import com.genaiauto.conversations.agent.AgentReply;
import com.genaiauto.conversations.agent.BookingParser;
import com.genaiauto.conversations.agent.ChatAgent;
import com.genaiauto.conversations.agent.MaintenanceAgent;
import com.genaiauto.conversations.agent.TokenSink;
import com.genaiauto.conversations.answer.GroundedAnswerer;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.HandoffStatus;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.routing.ExampleClassifier;
import com.genaiauto.conversations.routing.IntentDecision;
import com.genaiauto.conversations.routing.IntentRouter;
import com.genaiauto.conversations.safety.Escalation;
import com.genaiauto.conversations.safety.EscalationDetector;
import com.genaiauto.conversations.safety.SafetyResponder;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who answers a turn. A message a person must take (a hazard, a complaint, a request for
 * a person) is answered for safety first, whoever has the conversation. Then, if a person has taken
 * the conversation over, the assistant stands aside. A flow in progress keeps its agent: a proposal
 * awaiting yes, an offer accepted, a diagnosis (unless the owner clearly moved on), a question that
 * waited to know which car. Otherwise the intent router picks the agent — and when it takes a
 * message for small talk without being sure, the manuals have the last word: if they speak to it,
 * it is a question about the car.
 */
public final class TurnRouter {

    /** Leaving a diagnosis needs the router to be at least this sure the owner asks something else. */
    static final double LEAVE_DIAGNOSIS = 0.75;
    /** Below this, a message routed as small talk is checked against the manuals first. */
    static final double SURELY_GENERAL = 0.6;

    /** Told which agent answers, and how sure the choice is, before the answer streams. */
    @FunctionalInterface
    public interface Chosen {
        void agent(String name, double confidence);
    }

    private final EscalationDetector escalations;
    private final SafetyResponder safety;
    private final IntentRouter intents;
    private final Map<Intent, ChatAgent> agents = new EnumMap<>(Intent.class);
    private final TurnBuilder turns;
    private final ConversationStore store;
    private final KnowledgeBase knowledgeBase;

    public TurnRouter(EscalationDetector escalations, SafetyResponder safety, IntentRouter intents, List<ChatAgent> agents,
                      TurnBuilder turns, ConversationStore store, KnowledgeBase knowledgeBase) {
        this.escalations = escalations;
        this.safety = safety;
        this.intents = intents;
        agents.forEach(agent -> this.agents.put(agent.intent(), agent));
        this.turns = turns;
        this.store = store;
        this.knowledgeBase = knowledgeBase;
    }


    public AgentReply answer(Turn original, HandoffStatus handoff, TokenSink sink, Chosen chosen) {
        Turn turn = original;
        Optional<Escalation> escalation = escalations.detect(turn.maskedText(), turn.vector());
        if (escalation.isPresent()) {
            Intent about = escalation.get().kind().intent();
            intents.record(new IntentDecision(about, escalation.get().probability(), IntentDecision.Method.SAFETY));
            chosen.agent(about.wire(), escalation.get().probability());
            return safety.reply(turn, escalation.get(), sink).withState(turn.state());
        }
        if (handoff == HandoffStatus.ACCEPTED) {
            chosen.agent("human", 1.0);
            String text = "A support agent is handling this conversation and will reply here.";
            sink.all(text);
            return AgentReply.text(text, "human", 1.0).withState(turn.state());
        }
        if (turn.state() instanceof FlowState.AgentOffered && BookingParser.isConsent(turn.text())) {
            chosen.agent(Intent.GENERAL.wire(), 1.0);
            String text = "Of course. I've asked a member of our support team to join this conversation; they'll reply "
                    + "here as soon as they can.";
            sink.all(text);
            return AgentReply.text(text, Intent.GENERAL.wire(), 1.0).withHandoff(HandoffReason.USER_REQUEST, null);
        }
        if (turn.state() instanceof FlowState.AwaitingVehicle waiting) {
            turn = resume(turn, waiting);
        }
        if (MaintenanceAgent.awaitsAnswer(turn)) {
            return flow(turn, Intent.MAINTENANCE, sink, chosen);
        }
        if (turn.state() instanceof FlowState.Diagnosis) {
            ExampleClassifier.Prediction<Intent> elsewhere = intents.classify(turn.maskedText(), turn.vector());
            if (elsewhere.label() == Intent.TROUBLESHOOT || elsewhere.probability() < LEAVE_DIAGNOSIS) {
                return flow(turn, Intent.TROUBLESHOOT, sink, chosen);
            }
        }
        // Whatever was pending is left behind: this message starts afresh.
        if (turn.state() instanceof FlowState.Proposal proposal && agents.get(Intent.MAINTENANCE) instanceof MaintenanceAgent maintenance) {
            maintenance.abandoned(proposal);
        }
        Turn fresh = turn.withState(FlowState.IDLE);
        IntentDecision decision = intents.route(fresh.maskedText(), fresh.vector(), fresh.attribution());
        if (decision.intent() == Intent.GENERAL && decision.probability() < SURELY_GENERAL && speaksTo(fresh)) {
            // Unsure it is small talk, and the owner's manuals speak to it: a question about the car.
            decision = new IntentDecision(Intent.SPECS, intents.classify(fresh.maskedText(), fresh.vector()).probabilityOf(Intent.SPECS),
                    IntentDecision.Method.EMBEDDING);
        }
        ChatAgent agent = agents.get(decision.intent());
        chosen.agent(agent.name(), decision.probability());
        return agent.answer(fresh, decision.probability(), sink);
    }

    /**
     * Whether the manuals speak to a message: for a search narrowed to the owner's vehicle at the
     * lower bar the answerer also uses there, otherwise at the usual one.
     */
    private boolean speaksTo(Turn turn) {
        var filters = turn.vehicle().filters();
        return !(filters.isEmpty() ? knowledgeBase.retrieve(turn.vector(), turn.searchText(), filters, 1)
                : knowledgeBase.retrieve(turn.vector(), turn.searchText(), filters, 1, GroundedAnswerer.RELAXED_SIMILARITY))
                .isEmpty();
    }

    private AgentReply flow(Turn turn, Intent intent, TokenSink sink, Chosen chosen) {
        IntentDecision decision = new IntentDecision(intent, 1.0, IntentDecision.Method.FLOW);
        intents.record(decision);
        ChatAgent agent = agents.get(intent);
        chosen.agent(agent.name(), decision.probability());
        return agent.answer(turn, decision.probability(), sink);
    }

    /**
     * The owner was asked which car a question is about: a reply that names one sets it on the
     * conversation and the question is answered; anything else is a new message.
     */
    private Turn resume(Turn turn, FlowState.AwaitingVehicle waiting) {
        Optional<Vehicle> picked = VehicleNames.pick(turn.text(), turn.vehicles());
        if (picked.isEmpty()) {
            return turn.withState(FlowState.IDLE);
        }
        store.setVehicle(turn.conversationId(), picked.get().id());
        String masked = turn.pii().mask(waiting.question());
        return turn.withVehicle(new VehicleContext.Owned(picked.get(), VehicleContext.Choice.NAMED))
                .withQuestion(waiting.question(), masked, turns.embed(masked)).withState(FlowState.IDLE);
    }
}
