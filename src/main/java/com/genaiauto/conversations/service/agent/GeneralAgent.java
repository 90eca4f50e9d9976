package com.genaiauto.conversations.service.agent;

import java.util.List;
import java.util.Locale;

/**
 * Greetings, thanks, questions about the assistant itself, and anything off-topic: short, fixed
 * answers that steer back to what the assistant can do (no model call needed).
 */
public final class GeneralAgent implements ChatAgent {

    private static final String ABOUT = "I'm the Kestrel Motors assistant. I can answer questions from your owner's "
            + "manuals, look up your service history, book, move or cancel workshop appointments, and help you "
            + "troubleshoot a problem with your car. If you'd like to talk to a person, just say so.";

    @Override
    public String name() {
        return "general";
    }

    public static boolean asksForHuman(String text) {
        return text.toLowerCase(Locale.ROOT).matches(".*\\b(human|real person|a person|someone real|representative|"
                + "support agent|customer service|talk to (an? )?(agent|someone|somebody|person)|speak to (an? )?"
                + "(agent|someone|somebody|person|human)|live agent|operator)\\b.*");
    }

    @Override
    public AgentReply answer(Turn turn, TokenSink sink) {
        String lower = turn.text().toLowerCase(Locale.ROOT).strip();
        String answer;
        double confidence = 0.9;
        if (lower.matches("^(hi|hello|hey|good (morning|afternoon|evening)|hallo|moin)\\b.*")) {
            answer = "Hello! " + ABOUT;
        } else if (lower.matches(".*\\b(thanks|thank you|cheers|great, thanks|perfect)\\b.*")) {
            answer = "You're welcome! Is there anything else I can help you with?";
        } else if (lower.matches(".*\\b(who are you|what are you|what can you do|help)\\b.*")) {
            answer = ABOUT;
        } else if (lower.matches(".*\\b(opening hours|open on|when are you open|phone number|address of)\\b.*")) {
            answer = "Our workshops are open Monday to Friday, 08:00 to 17:00. I can check free slots and book a visit "
                    + "for you — just tell me what you need.";
        } else {
            answer = "I'm not sure I can help with that — I'm best at questions about your Kestrel. " + ABOUT;
            confidence = 0.75;
        }
        sink.all(answer);
        return new AgentReply(answer, name(), confidence, List.of(), List.of(), false, 0, 0, null);
    }
}
