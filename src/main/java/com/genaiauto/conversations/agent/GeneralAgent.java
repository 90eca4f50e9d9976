package com.genaiauto.conversations.agent;

import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.turn.Turn;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Greetings, thanks, questions about the assistant itself, and anything off-topic: short answers
 * that say what the assistant can do, with the brand from configuration and the owner's own car
 * (no model call needed).
 */
public final class GeneralAgent implements ChatAgent {

    private static final Pattern GREETING = Pattern.compile("^(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings)\\b.*");
    private static final Pattern THANKS = Pattern.compile(".*\\b(thanks|thank you|cheers|appreciate it|that helped|solved it)\\b.*");
    private static final Pattern ABOUT = Pattern.compile(".*\\b(who are you|what are you|what can you do|are you a bot|"
            + "what is this|help me|can you help)\\b.*");
    private static final Pattern HOURS = Pattern.compile(".*\\b(opening hours|open on|when are you open|are you open)\\b.*");

    private final AssistantIdentity identity;

    public GeneralAgent(AssistantIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Intent intent() {
        return Intent.GENERAL;
    }

    @Override
    public AgentReply answer(Turn turn, double routing, TokenSink sink) {
        String lower = turn.text().toLowerCase(Locale.ROOT).strip();
        String answer;
        if (GREETING.matcher(lower).matches()) {
            answer = "Hello! " + about(turn);
        } else if (THANKS.matcher(lower).matches()) {
            answer = "You're welcome! Is there anything else I can help you with?";
        } else if (ABOUT.matcher(lower).matches()) {
            answer = about(turn);
        } else if (HOURS.matcher(lower).matches()) {
            answer = "Our workshops are open Monday to Friday, 08:00 to 17:00. I can check free slots and book a visit "
                    + "for you — just tell me what you need.";
        } else {
            answer = "I'm not sure I can help with that — I'm best at questions about your car. " + about(turn);
        }
        sink.all(answer);
        return AgentReply.text(answer, name(), routing);
    }

    private String about(Turn turn) {
        String car = turn.ownVehicle().map(vehicle -> "your " + vehicle.make() + " " + vehicle.model()).orElse("your car");
        return "I'm " + identity.introduction() + ". I can answer questions about " + car + " from its manuals, look up "
                + "your service history, book, move or cancel workshop appointments, and help you troubleshoot a "
                + "problem. If you'd like to talk to a person, just say so.";
    }
}
