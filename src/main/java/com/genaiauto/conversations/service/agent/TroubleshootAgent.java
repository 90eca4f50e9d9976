package com.genaiauto.conversations.service.agent;

import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A guided diagnosis over a few turns: the symptom, two questions that tell likely causes apart,
 * then the likely causes from the troubleshooting guides and the next step (with an offer to book
 * a diagnostic visit). Hazards are caught before this agent runs, by {@link SafetyRules}.
 */
public final class TroubleshootAgent implements ChatAgent {

    static final String PROMPT = """
            You are the troubleshooting assistant of Kestrel Motors. From the owner's description and answers, and
            using only the troubleshooting passages provided, list the two or three most likely causes (most likely
            first), then give one clear next step the owner can safely take. Cite passages by title in square brackets.
            If anything could be unsafe, tell the owner not to drive. Be brief.""";

    private record Symptom(String name, Pattern pattern, List<String> questions) {
    }

    private static final List<Symptom> SYMPTOMS = List.of(
            symptom("won't start", "start|crank|click|dead|won'?t turn on|ready (light )?(never|doesn'?t)",
                    "When you press the start button, do the dashboard lights come on?",
                    "Do you hear a clicking sound, the starter turning, or nothing at all?"),
            symptom("brake noise", "brake|squeal|grind|judder|wobble|shudder",
                    "Is it a squeal, a grinding, or a vibration through the pedal or the steering wheel?",
                    "Does it happen on every stop, or only when the brakes are cold or wet?"),
            symptom("overheating", "overheat|temperature|temp|hot|steam|coolant",
                    "Is the temperature gauge in the red, or is a warning light on?",
                    "Do you see steam or smell something sweet from the bonnet?"),
            symptom("tyre pressure", "tyre|tire|flat|puncture|pressure",
                    "Does one tyre look lower than the others?",
                    "Did the warning come on after a cold night, or after hitting a kerb or pothole?"),
            symptom("air conditioning", "air ?con|a/?c\\b|cooling|blower|fog|demist",
                    "Does air come out of the vents at all, and is it warm or just not cold enough?",
                    "Do you hear any unusual noise when the air conditioning is switched on?"),
            symptom("warning light", "light|symbol|warning|dash",
                    "What colour is the light, and what does the symbol look like?",
                    "Is it steady or flashing, and does the car drive normally?"));

    private final KnowledgeBase knowledgeBase;
    private final AnswerWriter writer;

    public TroubleshootAgent(KnowledgeBase knowledgeBase, AnswerWriter writer) {
        this.knowledgeBase = knowledgeBase;
        this.writer = writer;
    }

    private static Symptom symptom(String name, String pattern, String... questions) {
        return new Symptom(name, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), List.of(questions));
    }

    @Override
    public String name() {
        return "troubleshoot";
    }

    public static boolean inProgress(Turn turn) {
        return "troubleshoot".equals(turn.flow());
    }

    @Override
    public AgentReply answer(Turn turn, TokenSink sink) {
        return inProgress(turn) ? diagnose(turn, sink) : ask(turn, sink);
    }

    /** First turn: name the symptom, show what the guides say about it, ask the distinguishing questions. */
    private AgentReply ask(Turn turn, TokenSink sink) {
        Symptom symptom = SYMPTOMS.stream().filter(s -> s.pattern().matcher(turn.text()).find()).findFirst()
                .orElse(new Symptom("the problem", null, List.of(
                        "When did it start, and does it happen all the time or only sometimes?",
                        "Is any warning light on in the dashboard?")));
        List<SearchHit> hits = Sources.retrieve(knowledgeBase, turn.maskedText(), turn.vehicle(), DocumentType.TROUBLESHOOTING, 3);
        turn.state().removeAll();
        turn.state().put("flow", "troubleshoot").put("symptom", turn.text()).put("category", symptom.name());
        StringBuilder text = new StringBuilder("Let's narrow down ")
                .append(symptom.pattern() == null ? "the problem" : "the " + symptom.name() + " problem")
                .append(". Two quick questions:\n");
        for (int i = 0; i < symptom.questions().size(); i++) {
            text.append(i + 1).append(". ").append(symptom.questions().get(i)).append('\n');
        }
        text.append("If at any point you see smoke, smell fuel or the brakes feel wrong, stop the car and tell me.");
        String answer = text.toString();
        sink.all(answer);
        return new AgentReply(answer, name(), hits.isEmpty() ? 0.6 : 0.85, Sources.cited(hits), List.of(), false, 0, 0,
                null);
    }

    /** Second turn: likely causes and the next step, from the guides. */
    private AgentReply diagnose(Turn turn, TokenSink sink) {
        String symptom = turn.state().path("symptom").asText("");
        String combined = symptom + ". " + turn.text();
        String maskedCombined = turn.pii().mask(symptom) + ". " + turn.maskedText();
        List<SearchHit> hits = Sources.retrieve(knowledgeBase, maskedCombined, turn.vehicle(), DocumentType.TROUBLESHOOTING, 4);
        turn.state().removeAll();
        if (hits.isEmpty()) {
            String answer = "I couldn't match this to a known cause in the troubleshooting guides. A technician should "
                    + "look at it: I can book a diagnostics appointment, or connect you with a support agent.";
            sink.all(answer);
            return AgentReply.text(answer, name(), 0.4);
        }
        Turn withSymptom = new Turn(turn.user(), turn.conversationId(), combined, maskedCombined, turn.pii(),
                turn.maskedHistory(),
                turn.maskedContext(), turn.vehicles(), turn.vehicle(), turn.state(), turn.attribution(), turn.claimState());
        AnswerWriter.Written written = writer.write(withSymptom, PROMPT, Sources.passages(hits), sink);
        String offer = "\n\nIf you'd like a technician to check it, say \"book a diagnostics appointment\".";
        sink.all(offer);
        String handoff = written.failed() || (written.degraded() && writer.hasLanguageModel()) ? "providers_unavailable" : null;
        List<Map<String, Object>> calls = new ArrayList<>();
        return new AgentReply(written.text() + offer, name(), Sources.confidence(hits), Sources.cited(hits), calls,
                written.degraded(), written.promptTokens(), written.completionTokens(), handoff);
    }

    /** The stop-driving answer for a hazard; the orchestrator hands the conversation over with it. */
    public AgentReply safety(Turn turn, SafetyRules.Hazard hazard, TokenSink sink) {
        List<SearchHit> hits = Sources.retrieve(knowledgeBase, turn.maskedText(), turn.vehicle(), null, 2);
        String answer = hazard.advice() + "\n\nI'm connecting you with a member of our support team right now; they "
                + "can arrange roadside assistance. If anyone is in danger, call 112.";
        sink.all(answer);
        return new AgentReply(answer, name(), 1.0, Sources.cited(hits), List.of(), false, 0, 0, "safety");
    }
}
