package com.genaiauto.conversations.safety;

import com.genaiauto.conversations.agent.AgentReply;
import com.genaiauto.conversations.agent.TokenSink;
import com.genaiauto.conversations.answer.Citations;
import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.conversations.turn.Turn;
import com.genaiauto.rag.embed.Vectors;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reply to a message a person must take. For a hazard: what to do now (the emergency number
 * first when someone may be hurt), then the owner's manual's own warnings about it, quoted ("stop
 * the vehicle", "do not charge"), which also go to the support agent with the handoff. For a
 * complaint or a request for a person: an acknowledgement that one is coming.
 */
public final class SafetyResponder {

    // Imperatives manuals use for what must (not) be done: how their warnings are told from other lines.
    private static final Pattern WARNING = Pattern.compile("(?i)\\b(stop|do not|don't|never|switch off|turn off|"
            + "get out|leave the (car|vehicle)|keep away|move away|evacuate|call|contact|have .* (checked|inspected)|"
            + "pull over|immediately|unplug|disconnect)\\b");
    private static final int WARNINGS = 2;
    private static final int PASSAGES = 4;

    private final KnowledgeBase knowledgeBase;
    private final AssistantIdentity identity;

    public SafetyResponder(KnowledgeBase knowledgeBase, AssistantIdentity identity) {
        this.knowledgeBase = knowledgeBase;
        this.identity = identity;
    }

    public AgentReply reply(Turn turn, Escalation escalation, TokenSink sink) {
        EscalationKind kind = escalation.kind();
        String agent = kind.intent().wire();
        if (!kind.hazard()) {
            String text = kind == EscalationKind.LEGAL_COMPLAINT
                    ? "I'm sorry this has happened. I've passed your message to our customer relations team, and a "
                    + "member of the team will reply here and take it from there."
                    : "Of course. I've asked a member of our support team to join this conversation; they'll reply here "
                    + "as soon as they can.";
            sink.all(text);
            return AgentReply.text(text, agent, escalation.probability()).withHandoff(kind.reason(), null);
        }
        Retrieval retrieval = knowledgeBase.retrieve(turn.vector(), turn.searchText(), turn.vehicle().filters(),
                PASSAGES);
        List<Warning> warnings = warnings(turn, retrieval);
        Citations citations = new Citations(warnings.stream().map(Warning::hit).toList(), List.of());
        StringBuilder text = new StringBuilder(advice(kind));
        StringBuilder note = new StringBuilder();
        if (!warnings.isEmpty()) {
            text.append("\n\nYour manual says:");
            for (Warning warning : warnings) {
                String line = warning.unit().text().replaceFirst("^([-*•]|\\d+[.)])\\s+", "");
                text.append("\n- “").append(line).append("” ").append(citations.marker(warning.hit()));
                note.append(note.length() == 0 ? "" : " | ").append(warning.unit().text());
            }
        }
        text.append("\n\nI'm connecting you with a member of our support team right now; they can arrange roadside "
                + "assistance and check the car with you.");
        String answer = text.toString();
        sink.all(answer);
        return new AgentReply(answer, AgentReply.Kind.CONVERSATION, agent, escalation.probability(), citations.sources(), List.of(), false, 0, 0,
                FlowState.IDLE, kind.reason(), note.length() == 0 ? null : "manual: " + note);
    }

    private record Warning(SearchHit hit, AnswerUnit unit, double similarity) {
    }

    /** The manual's warning lines closest to what the owner describes. */
    private static List<Warning> warnings(Turn turn, Retrieval retrieval) {
        List<Warning> found = new ArrayList<>();
        for (SearchHit hit : retrieval.hits()) {
            for (AnswerUnit unit : retrieval.unitsOf(hit)) {
                if (unit.vector() != null && unit.kind() != AnswerUnit.Kind.TABLE_ROW
                        && WARNING.matcher(unit.text()).find()) {
                    found.add(new Warning(hit, unit, Vectors.cosine(turn.vector(), unit.vector())));
                }
            }
        }
        return found.stream().sorted(Comparator.comparingDouble(Warning::similarity).reversed()).limit(WARNINGS).toList();
    }

    private String advice(EscalationKind kind) {
        String stop = "Please stop as soon as it is safe to do so, switch the car off and do not drive it further. ";
        String emergency = identity.emergencyNumber();
        return switch (kind) {
            case INJURY_ACCIDENT -> "If anyone is hurt, call " + emergency + " now. Switch on the hazard lights, get "
                    + "everyone out on the side away from traffic if it is safe, and do not drive the car until it has "
                    + "been checked.";
            case FIRE_SMOKE -> stop + "If there is smoke, fire or a burning smell, get everyone out, move well away "
                    + "from the car and call " + emergency + ". Do not open the bonnet.";
            case BRAKES -> stop + "Brakes that fail or feel soft are an emergency: if you are still moving, slow down "
                    + "gently, use the parking brake gradually and steer to a safe place.";
            case STEERING -> stop + "Steering that is suddenly heavy, loose or not responding is not safe to drive "
                    + "with: slow down smoothly and stop where it is safe.";
            case AIRBAG -> stop + "With an airbag fault the airbags may not deploy in a crash, and a car whose airbag "
                    + "has deployed must be checked before it is driven again.";
            case FUEL_LEAK -> stop + "A smell of fuel or a leak is a fire risk: do not start the engine again, keep "
                    + "flames and cigarettes away, get everyone out and keep away from the car.";
            case HIGH_VOLTAGE -> stop + "Do not touch orange cables or the battery, and do not charge the car. If you "
                    + "notice smoke, hissing, popping or a sweet chemical smell, get out, keep well away and call "
                    + emergency + ".";
            default -> stop;
        };
    }

}
