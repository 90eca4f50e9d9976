package com.genaiauto.conversations.service.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.service.pii.MaskingSession;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Everything an agent needs to answer one message. {@code text} is what the owner wrote (used
 * only in-process); {@code maskedText}, {@code maskedHistory} and {@code maskedContext} have
 * personal data replaced by placeholders and are what may leave for a model provider.
 * {@code state} is the conversation's flow state, which the agent may change. {@code claimState}
 * atomically clears the stored state if it still equals the given JSON: of two concurrent "yes"
 * answers to one proposal, only one may act on it.
 */
public record Turn(AuthenticatedUser user, UUID conversationId, String text, String maskedText, MaskingSession pii,
                   List<ChatMessage> maskedHistory, String maskedContext, List<Vehicle> vehicles, Vehicle vehicle,
                   ObjectNode state, ChatRequest.Attribution attribution, Predicate<String> claimState) {

    public String flow() {
        return state.path("flow").asText("");
    }
}
