package com.genaiauto.conversations.answer;

import com.genaiauto.conversations.agent.AgentReply;
import com.genaiauto.conversations.agent.TokenSink;
import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.conversations.turn.VehicleContext;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers a question about the car from its documents, the same way for every agent: retrieval
 * limited to the owner's vehicle (its model's documents and the general ones), the lines that
 * answer, a confidence from the evidence, then either a language model writes from the passages
 * (the answering lines first) or — with none available, or when it fails — the lines are quoted.
 * When the owner's documents have nothing, other models' are searched and the answer says so.
 */
public final class GroundedAnswerer {

    static final String NOT_FOUND = "I couldn't find that in the manuals I have, so I'd rather not guess. "
            + "I can connect you with a support agent who can check it for you.";
    static final String CUT_OFF = "(The answer above was cut off before it was complete. Here is what the manual says:)";
    private static final int PASSAGES = 6;
    private static final int PROMPT_PASSAGES = 4;
    /** How similar a passage of the owner's own vehicle's documents must be when none clears the usual bar. */
    public static final double RELAXED_SIMILARITY = 0.45;

    private final KnowledgeBase knowledgeBase;
    private final UnitSelector selector;
    private final ConfidenceModel confidence;
    private final AnswerWriter writer;
    private final AssistantIdentity identity;

    public GroundedAnswerer(KnowledgeBase knowledgeBase, UnitSelector selector, ConfidenceModel confidence,
                            AnswerWriter writer, AssistantIdentity identity) {
        this.knowledgeBase = knowledgeBase;
        this.selector = selector;
        this.confidence = confidence;
        this.writer = writer;
        this.identity = identity;
    }

    public boolean hasLanguageModel() {
        return writer.hasLanguageModel();
    }

    /** Finds what the documents say about the turn's question; {@code routing} is the router's certainty. */
    public Grounding ground(Turn turn, double routing) {
        String question = turn.maskedText();
        if (turn.vehicle() instanceof VehicleContext.Undecided undecided) {
            return groundAmong(turn, undecided.candidates(), routing);
        }
        return ground(turn, question, turn.vehicle().filters(), routing);
    }

    private Grounding ground(Turn turn, String question, SearchFilters filters, double routing) {
        Retrieval retrieval = retrieve(turn, filters);
        String otherModel = null;
        if (retrieval.isEmpty() && !filters.isEmpty()) {
            // The owner's own documents first, at a lower bar: a short question matches its answer less closely.
            retrieval = knowledgeBase.retrieve(turn.vector(), turn.searchText(), filters, PASSAGES, RELAXED_SIMILARITY);
        }
        if (retrieval.isEmpty() && !filters.isEmpty()) {
            retrieval = retrieve(turn, SearchFilters.NONE);
            otherModel = retrieval.isEmpty() ? null : vehicleOf(retrieval.hits().get(0));
        }
        Selection selection = selector.select(question, turn.vector(), retrieval, models(turn));
        double probability = selection.isEmpty() ? 0
                : confidence.probability(ConfidenceModel.Features.of(selection.evidence(), routing,
                vehicleMatch(turn, selection.lead(), otherModel != null)));
        return new Grounding(question, retrieval, selection, probability, otherModel, null);
    }

    /**
     * The owner has several cars and named none: when the best document is the same for each (a
     * general one), that is the answer; otherwise the owner is asked which car it is about.
     */
    private Grounding groundAmong(Turn turn, List<Vehicle> candidates, double routing) {
        List<Grounding> each = new ArrayList<>();
        for (Vehicle vehicle : candidates) {
            each.add(ground(turn, turn.maskedText(), SearchFilters.forVehicle(vehicle.make(), vehicle.model(),
                    vehicle.modelYear()), routing));
        }
        Grounding first = each.get(0);
        boolean same = each.stream().allMatch(grounding -> grounding.answered() && first.answered()
                && grounding.lead().documentId().equals(first.lead().documentId()));
        if (same || each.stream().noneMatch(Grounding::answered)) {
            return first;
        }
        String choices = String.join(" or ", candidates.stream()
                .map(vehicle -> "your " + vehicle.modelYear() + " " + vehicle.make() + " " + vehicle.model()).toList());
        return new Grounding(turn.maskedText(), Retrieval.EMPTY, new Selection(List.of(), Selection.Evidence.NONE), 0,
                null, "The answer depends on the car: is this about " + choices + "?");
    }

    /** The model the turn is about and the others the documents know, for telling their lines apart. */
    private UnitSelector.Models models(Turn turn) {
        String own = turn.ownVehicle().map(Vehicle::model).orElse(turn.vehicle() instanceof VehicleContext.Other other
                ? other.model() : null);
        return new UnitSelector.Models(own, knowledgeBase.documentedVehicles().stream()
                .map(com.genaiauto.rag.model.DocumentedVehicle::model).toList());
    }

    private Retrieval retrieve(Turn turn, SearchFilters filters) {
        return knowledgeBase.retrieve(turn.vector(), turn.searchText(), filters, PASSAGES);
    }

    /**
     * Writes the answer from a grounding: asks which car when that is open, says so when nothing
     * was found, else has the model write or quotes the lines. {@code instructions} tell the model
     * what this agent's answer is for.
     */
    public AgentReply deliver(Turn turn, Grounding grounding, String agent, String instructions, TokenSink sink) {
        if (grounding.asksVehicle()) {
            sink.all(grounding.vehicleQuestion());
            return AgentReply.text(grounding.vehicleQuestion(), agent, 1.0)
                    .withState(new FlowState.AwaitingVehicle(turn.text()));
        }
        if (!grounding.answered()) {
            sink.all(NOT_FOUND);
            return AgentReply.text(NOT_FOUND, agent, grounding.confidence()).withKind(AgentReply.Kind.ANSWER);
        }
        Selection selection = grounding.selection();
        List<SearchHit> used = selection.picked().stream().map(Selection.Picked::hit).toList();
        Citations citations = new Citations(used, grounding.retrieval().hits());
        String preface = preface(turn, grounding);
        if (writer.hasLanguageModel()) {
            AnswerWriter.Written written = writer.write(turn, prompt(turn, instructions, preface),
                    passages(grounding, citations), cacheScope(turn, grounding, citations), sink);
            if (!written.failed() && !written.text().isBlank()) {
                return new AgentReply(written.text(), AgentReply.Kind.ANSWER, agent, grounding.confidence(), citations.sources(), List.of(),
                        written.degraded(), written.promptTokens(), written.completionTokens(), FlowState.IDLE, null, null);
            }
            // No model could answer: the owner still gets the manual's lines, and a person follows up.
            // An answer cut off mid-way says so before the quote, so that it is not read as complete.
            String quoted = (written.text().isBlank() ? "" : "\n\n" + CUT_OFF + "\n\n")
                    + ExtractiveAnswer.render(selection, citations, preface);
            sink.all(quoted);
            return new AgentReply(written.text() + quoted, AgentReply.Kind.ANSWER, agent, grounding.confidence(), citations.sources(), List.of(),
                    true, 0, 0, FlowState.IDLE, HandoffReason.PROVIDERS_UNAVAILABLE, null);
        }
        String text = ExtractiveAnswer.render(selection, citations, preface);
        sink.all(text);
        return new AgentReply(text, AgentReply.Kind.ANSWER, agent, grounding.confidence(), citations.sources(), List.of(), true, 0, 0,
                FlowState.IDLE, null, null);
    }

    private String prompt(Turn turn, String instructions, String preface) {
        StringBuilder prompt = new StringBuilder("You are ").append(identity.introduction()).append(". ")
                .append(instructions.strip())
                .append(" Answer using only the numbered reference passages; the lines most likely to answer come first. ")
                .append("Put the answer first, with figures and units exactly as the passages give them, and cite ")
                .append("passages as [n]. If the passages do not answer, say the manuals do not cover it and offer a ")
                .append("support agent. Never invent specifications.");
        turn.ownVehicle().ifPresent(vehicle -> prompt.append(" The owner's car is a ").append(vehicle.modelYear())
                .append(' ').append(vehicle.make()).append(' ').append(vehicle.model()).append('.'));
        if (preface != null) {
            prompt.append(" Tell the owner: ").append(preface);
        }
        return prompt.toString();
    }

    /**
     * The answer cache's scope: the passage of the best answering line, and the question with the
     * answering lines' words, its embedding and the sources in marker order.
     */
    private static AnswerCache.Scope cacheScope(Turn turn, Grounding grounding, Citations citations) {
        List<Selection.Picked> picked = grounding.selection().picked();
        StringBuilder lines = new StringBuilder();
        for (Selection.Picked line : picked) {
            lines.append(line.unit().context() == null ? "" : line.unit().context()).append('\n')
                    .append(line.unit().text()).append('\n');
        }
        List<String> sources = citations.sources().stream().map(source -> String.valueOf(source.documentId())).toList();
        return new AnswerCache.Scope(picked.get(0).hit().chunkId().toString(),
                SameQuestion.Question.of(grounding.question(), lines.toString(), turn.vector(), sources));
    }

    /**
     * The answering lines as the first passage, as a quoted answer shows them (a line's heading
     * often names what it is about), then the retrieved passages, numbered as the sources are.
     */
    private static List<ContextPassage> passages(Grounding grounding, Citations citations) {
        List<ContextPassage> passages = new ArrayList<>();
        passages.add(new ContextPassage("Lines that answer the question", null,
                ExtractiveAnswer.lines(grounding.selection(), citations).strip()));
        grounding.retrieval().hits().stream().limit(PROMPT_PASSAGES).forEach(hit -> passages.add(new ContextPassage(
                citations.marker(hit) + " " + hit.citation(), hit.sourceName(), hit.content())));
        return passages;
    }

    /** Says plainly when the lines come from another model's documents than the owner's car. */
    private static String preface(Turn turn, Grounding grounding) {
        if (grounding.otherModel() != null) {
            String own = turn.ownVehicle().map(vehicle -> "your " + vehicle.model() + "'s").orElse("your car's");
            return "I found nothing on this in " + own + " documents. The following is from the " + grounding.otherModel()
                    + " documents, so check it applies to your car:";
        }
        if (turn.vehicle() instanceof VehicleContext.Other other) {
            return "For the " + other.make() + " " + other.model() + ":";
        }
        return null;
    }

    private static double vehicleMatch(Turn turn, SearchHit lead, boolean otherModel) {
        if (otherModel) {
            return 0;
        }
        if (lead.model() == null) {
            return 0.5;
        }
        return turn.ownVehicle().map(vehicle -> vehicle.model().equalsIgnoreCase(lead.model()) ? 1.0 : 0.0)
                .orElse(turn.vehicle() instanceof VehicleContext.Other other
                        && Objects.equals(other.model().toLowerCase(), lead.model().toLowerCase()) ? 1.0 : 0.5);
    }

    private static String vehicleOf(SearchHit hit) {
        if (hit.model() != null) {
            return (hit.make() == null ? "" : hit.make() + " ") + hit.model();
        }
        return hit.make() == null ? "other" : hit.make();
    }

}
