package com.genaiauto.llm.provider;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ContextPassage;
import java.util.ArrayList;
import java.util.List;

/** Turns a request's grounding passages into text every provider sees the same way. */
final class Prompts {

    private Prompts() {
    }

    /** The system prompt with the numbered reference passages appended, or null when there is none. */
    static String systemText(ChatRequest request) {
        StringBuilder system = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            if (message.role().equals("system")) {
                if (system.length() > 0) {
                    system.append("\n\n");
                }
                system.append(message.textOrEmpty());
            }
        }
        if (!request.context().isEmpty()) {
            if (system.length() > 0) {
                system.append("\n\n");
            }
            system.append("Reference passages (cite them as [n]):");
            int n = 1;
            for (ContextPassage passage : request.context()) {
                system.append("\n[").append(n++).append("] ").append(passage.title());
                if (passage.source() != null) {
                    system.append(" (").append(passage.source()).append(')');
                }
                system.append(": ").append(passage.text());
            }
        }
        return system.length() == 0 ? null : system.toString();
    }

    static List<ChatMessage> conversation(ChatRequest request) {
        List<ChatMessage> rest = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (!message.role().equals("system")) {
                rest.add(message);
            }
        }
        return rest;
    }

    /** A rough count for providers that report no usage: about four characters a token. */
    static int estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }

    static int estimatePromptTokens(ChatRequest request) {
        int total = estimateTokens(systemText(request));
        for (ChatMessage message : conversation(request)) {
            total += estimateTokens(message.content()) + 4;
        }
        return total;
    }
}
