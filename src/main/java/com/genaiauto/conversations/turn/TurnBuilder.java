package com.genaiauto.conversations.turn;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.dao.ConversationRow;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.model.MessageRole;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.pii.MaskingSession;
import com.genaiauto.pii.PiiMasker;
import com.genaiauto.platform.web.RequestIds;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.service.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Gathers everything one turn needs, once: the conversation, its recent messages and a summary of
 * older ones, the flow state, which vehicle the message is about, the masked texts that may leave
 * for a provider, and the message's embedding that safety, routing and retrieval all use.
 */
public final class TurnBuilder {

    public static final int HISTORY_MESSAGES = 8;

    private final ConversationStore store;
    private final PiiMasker masker;
    private final Embedder embedder;
    private final KnowledgeBase knowledgeBase;
    private final java.time.Duration answerDeadline;
    private final java.time.Clock clock;

    public TurnBuilder(ConversationStore store, PiiMasker masker, Embedder embedder, KnowledgeBase knowledgeBase,
                       java.time.Duration answerDeadline, java.time.Clock clock) {
        this.answerDeadline = answerDeadline;
        this.clock = clock;
        this.store = store;
        this.masker = masker;
        this.embedder = embedder;
        this.knowledgeBase = knowledgeBase;
    }

    public Turn build(AuthenticatedUser user, Message incoming, List<Vehicle> vehicles) {
        UUID sessionId = incoming.conversationId();
        ConversationRow conversation = store.conversation(sessionId).orElseThrow();
        List<Message> history = store.messages(sessionId).stream()
                .filter(message -> !message.id().equals(incoming.id())
                        && message.createdAt().compareTo(incoming.createdAt()) <= 0)
                .toList();
        // One masking session per turn, over everything that may go into a prompt: the same e-mail
        // gets the same placeholder in the history and in the question.
        MaskingSession pii = masker.session();
        List<ChatMessage> maskedHistory = new ArrayList<>();
        List<Message> recent = history.subList(Math.max(0, history.size() - HISTORY_MESSAGES), history.size());
        for (Message message : recent) {
            String role = message.role() == MessageRole.USER ? "user" : "assistant";
            maskedHistory.add(new ChatMessage(role, pii.mask(message.content()), List.of(), null));
        }
        String summary = condense(history.subList(0, history.size() - recent.size()), sessionId, conversation.summary());
        VehicleContext vehicle = vehicleContext(incoming.content(), conversation.vehicleId(), vehicles);
        String maskedText = pii.mask(incoming.content());
        ChatRequest.Attribution attribution = new ChatRequest.Attribution(RequestIds.current(), sessionId,
                user.userId(), null);
        return new Turn(user, sessionId, incoming.id(), incoming.content(), maskedText, embedder.embedQuery(maskedText),
                pii, maskedHistory, context(vehicles, vehicle, summary == null ? null : pii.mask(summary)), vehicles,
                vehicle, store.state(sessionId), attribution, expected -> store.claimState(sessionId, expected),
                clock.instant().plus(answerDeadline));
    }

    /** The embedding of a text the way a turn's own is made (for a question asked again in another form). */
    public float[] embed(String maskedText) {
        return embedder.embedQuery(maskedText);
    }

    /**
     * The vehicle a message is about: one of the owner's it names, else the conversation's, else
     * the owner's only one; a model it names that the owner does not have; or undecided.
     */
    VehicleContext vehicleContext(String text, UUID conversationVehicle, List<Vehicle> vehicles) {
        List<Vehicle> named = VehicleNames.ownedNamed(text, vehicles);
        if (named.size() == 1) {
            return new VehicleContext.Owned(named.get(0), VehicleContext.Choice.NAMED);
        }
        Optional<Vehicle> chosen = conversationVehicle == null ? Optional.empty()
                : vehicles.stream().filter(vehicle -> vehicle.id().equals(conversationVehicle)).findFirst();
        if (named.isEmpty()) {
            var other = VehicleNames.otherNamed(text, knowledgeBase.documentedVehicles(), vehicles);
            if (other.isPresent()) {
                return new VehicleContext.Other(other.get().make(), other.get().model());
            }
        }
        if (chosen.isPresent()) {
            return new VehicleContext.Owned(chosen.get(), VehicleContext.Choice.CONVERSATION);
        }
        if (vehicles.size() == 1) {
            return new VehicleContext.Owned(vehicles.get(0), VehicleContext.Choice.ONLY_VEHICLE);
        }
        return vehicles.isEmpty() ? new VehicleContext.None()
                : new VehicleContext.Undecided(named.isEmpty() ? vehicles : named);
    }

    private static String context(List<Vehicle> vehicles, VehicleContext vehicle, String maskedSummary) {
        StringBuilder context = new StringBuilder();
        if (!vehicles.isEmpty()) {
            context.append("The owner's vehicles: ");
            context.append(String.join("; ", vehicles.stream().map(v -> v.modelYear() + " " + v.make() + " " + v.model()
                    + " (" + v.powertrain() + ", " + v.mileageKm() + " km)").toList())).append(".\n");
        }
        if (vehicle instanceof VehicleContext.Owned owned) {
            context.append("This conversation is about the ").append(owned.vehicle().modelYear()).append(' ')
                    .append(owned.describe()).append(".\n");
        } else if (vehicle instanceof VehicleContext.Other other) {
            context.append("The owner asks about the ").append(other.make()).append(' ').append(other.model())
                    .append(", which is not one of their cars.\n");
        }
        if (maskedSummary != null) {
            context.append("Earlier in this conversation: ").append(maskedSummary).append('\n');
        }
        return context.toString().strip();
    }

    /**
     * Older turns are condensed rather than dropped: the owner's earlier questions, briefly, kept
     * on the conversation so a long chat still carries its context into every prompt.
     */
    private String condense(List<Message> older, UUID sessionId, String previous) {
        if (older.isEmpty()) {
            return previous;
        }
        List<String> asked = older.stream().filter(message -> message.role() == MessageRole.USER)
                .map(message -> shorten(message.content(), 120)).toList();
        String summary = "the owner asked: " + String.join(" | ", asked.subList(Math.max(0, asked.size() - 10), asked.size()));
        if (!summary.equals(previous)) {
            store.setSummary(sessionId, summary);
        }
        return summary;
    }

    public static String shorten(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
