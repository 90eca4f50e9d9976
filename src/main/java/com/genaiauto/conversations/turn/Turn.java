package com.genaiauto.conversations.turn;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.pii.MaskingSession;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Everything an agent needs to answer one message. {@code text} is what the owner wrote (used only
 * in-process); {@code maskedText}, {@code maskedHistory} and {@code maskedContext} have personal data
 * replaced by placeholders and are what may leave for a model provider. {@code vector} is the masked
 * text's embedding, computed once and shared by the safety check, routing and retrieval.
 * {@code claim} atomically clears the stored flow state if it still is the given one: of two
 * concurrent "yes" answers to one proposal, only one may act on it. {@code answerBy} is when the
 * turn's answer is due: a model writing it gets what is left of the turn's deadline after the
 * steps before it (routing), so the owner never waits longer than the deadline for the fallback.
 */
public record Turn(AuthenticatedUser user, UUID conversationId, UUID messageId, String text, String maskedText,
                   float[] vector, MaskingSession pii, List<ChatMessage> maskedHistory, String maskedContext,
                   List<Vehicle> vehicles, VehicleContext vehicle, FlowState state,
                   ChatRequest.Attribution attribution, Predicate<FlowState> claim, java.time.Instant answerBy) {

    public Turn {
        maskedHistory = List.copyOf(maskedHistory);
        vehicles = List.copyOf(vehicles);
    }

    /** The same turn about another question (a diagnosis answer joined to its symptom, a question put on hold). */
    public Turn withQuestion(String newText, String newMaskedText, float[] newVector) {
        return new Turn(user, conversationId, messageId, newText, newMaskedText, newVector, pii, maskedHistory,
                maskedContext, vehicles, vehicle, state, attribution, claim, answerBy);
    }

    public Turn withVehicle(VehicleContext chosen) {
        return new Turn(user, conversationId, messageId, text, maskedText, vector, pii, maskedHistory, maskedContext,
                vehicles, chosen, state, attribution, claim, answerBy);
    }

    public Turn withState(FlowState next) {
        return new Turn(user, conversationId, messageId, text, maskedText, vector, pii, maskedHistory, maskedContext,
                vehicles, vehicle, next, attribution, claim, answerBy);
    }

    // Retrieval needs the gist of a message, not all of a long one (search takes at most 2000 characters).
    private static final int SEARCH_CHARACTERS = 1_000;

    /** The masked text as a search query: its beginning, when it is long. */
    public String searchText() {
        return maskedText.length() > SEARCH_CHARACTERS ? maskedText.substring(0, SEARCH_CHARACTERS) : maskedText;
    }

    /** The owner's vehicle this turn is about, if one is decided. */
    public java.util.Optional<Vehicle> ownVehicle() {
        return vehicle instanceof VehicleContext.Owned owned ? java.util.Optional.of(owned.vehicle())
                : java.util.Optional.empty();
    }
}
