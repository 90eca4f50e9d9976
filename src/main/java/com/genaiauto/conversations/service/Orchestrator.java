package com.genaiauto.conversations.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.dao.ConversationDao;
import com.genaiauto.conversations.dao.ConversationRow;
import com.genaiauto.conversations.dao.MessageDao;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.conversations.model.ChatInput;
import com.genaiauto.conversations.model.ChatReply;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.service.agent.AgentReply;
import com.genaiauto.conversations.service.agent.ChatAgent;
import com.genaiauto.conversations.service.agent.GeneralAgent;
import com.genaiauto.conversations.service.agent.MaintenanceAgent;
import com.genaiauto.conversations.service.agent.SafetyRules;
import com.genaiauto.conversations.service.agent.SpecsAgent;
import com.genaiauto.conversations.service.agent.TokenSink;
import com.genaiauto.conversations.service.agent.TroubleshootAgent;
import com.genaiauto.conversations.service.agent.Turn;
import com.genaiauto.conversations.service.handoff.HandoffNotice;
import com.genaiauto.conversations.service.pii.MaskingSession;
import com.genaiauto.conversations.service.pii.PiiMasker;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.platform.db.SqlStates;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.web.RequestIds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * One owner message, end to end. The message is stored before any model is called and the answer
 * after, so an acknowledged message survives a crash; a retried send with the same idempotency key
 * gets the stored answer (or, if the crash came in between, the answer is produced then). Hazards
 * and requests for a person are caught first; then a flow in progress (a booking awaiting "yes", a
 * diagnosis) keeps its agent; otherwise the intent picks one. Low confidence, a hazard, a request
 * or every provider failing hands the conversation to a human.
 */
public final class Orchestrator {

    public static final int HISTORY_MESSAGES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final ConversationStore store;
    private final IntentRouter intents;
    private final Map<Intent, ChatAgent> agents;
    private final MaintenanceAgent maintenance;
    private final TroubleshootAgent troubleshoot;
    private final GeneralAgent general;
    private final HandoffService handoffs;
    private final ChatEvents events;
    private final CustomerTools customers;
    private final PiiMasker masker;
    private final double confidenceThreshold;

    public Orchestrator(Jdbi jdbi, ConversationStore store, IntentRouter intents, SpecsAgent specs,
                        MaintenanceAgent maintenance, TroubleshootAgent troubleshoot, GeneralAgent general,
                        HandoffService handoffs, ChatEvents events, CustomerTools customers, PiiMasker masker,
                        double confidenceThreshold) {
        this.jdbi = jdbi;
        this.store = store;
        this.intents = intents;
        this.agents = Map.of(Intent.SPECS, specs, Intent.MAINTENANCE, maintenance, Intent.TROUBLESHOOT, troubleshoot,
                Intent.GENERAL, general);
        this.maintenance = maintenance;
        this.troubleshoot = troubleshoot;
        this.general = general;
        this.handoffs = handoffs;
        this.events = events;
        this.customers = customers;
        this.masker = masker;
        this.confidenceThreshold = confidenceThreshold;
    }

    /**
     * Answers one message. Events go to {@code direct} (the caller's stream) and to every socket
     * of the session; the returned reply is what the last event carries.
     */
    public ChatReply chat(AuthenticatedUser user, ChatInput input, Consumer<ChatEvent> direct) {
        long started = System.nanoTime();
        // A key identifies a send of this user; when the client names a session, only that session's.
        Optional<Message> retried = input.idempotencyKey() == null ? Optional.empty()
                : jdbi.onDemand(MessageDao.class).findByIdempotencyKey(user.userId(), input.idempotencyKey())
                .filter(message -> input.sessionId() == null || message.conversationId().equals(input.sessionId()));
        if (retried.isPresent()) {
            Optional<Message> stored = jdbi.onDemand(MessageDao.class).answerTo(retried.get().id());
            if (stored.isPresent()) {
                ChatReply reply = replay(retried.get(), stored.get());
                for (ChatEvent event : List.of(new ChatEvent(reply.sessionId(), "session",
                        Map.of("sessionId", reply.sessionId(), "messageId", retried.get().id())),
                        new ChatEvent(reply.sessionId(), "done", reply))) {
                    direct.accept(event);
                    events.publish(event);
                }
                return reply;
            }
        }
        // Read once per turn: it checks the vehicle the client names and describes the owner's cars.
        List<Vehicle> vehicles = customers.vehicles(user);
        Message incoming = retried.isPresent() ? retried.get() : storeIncoming(user, input, vehicles);
        UUID sessionId = incoming.conversationId();
        Consumer<ChatEvent> emit = event -> {
            direct.accept(event);
            events.publish(event);
        };
        emit.accept(new ChatEvent(sessionId, "session", Map.of("sessionId", sessionId, "messageId", incoming.id())));

        Turn turn = turn(user, sessionId, incoming, vehicles);
        TokenSink sink = text -> emit.accept(new ChatEvent(sessionId, "token", Map.of("text", text)));
        // Read once per turn: who has the conversation decides the answer and the reply's handoff flag.
        Optional<Handoff> active = handoffs.active(sessionId);
        AgentReply reply = answer(turn, active, sink, emit);

        Handoff handoff = null;
        String reason = reply.handoffReason();
        if (reason == null && reply.confidence() < confidenceThreshold) {
            reason = HandoffNotice.LOW_CONFIDENCE;
        }
        if (reason != null) {
            handoff = handoffs.open(sessionId, user.userId(), reason,
                    reason + ": " + incoming.content().substring(0, Math.min(300, incoming.content().length())));
            String notice = switch (reason) {
                case HandoffNotice.SAFETY -> "This needs a person now: a support agent has been alerted.";
                case HandoffNotice.USER_REQUEST -> "A support agent will join this conversation shortly.";
                case HandoffNotice.PROVIDERS_UNAVAILABLE -> "Our assistant is having trouble; a support agent will follow up.";
                default -> "I'm not fully sure about this one, so I've asked a support agent to check.";
            };
            emit.accept(new ChatEvent(sessionId, "handoff", Map.of("handoffId", handoff.id(), "reason", reason,
                    "message", notice)));
        }
        if (!reply.sources().isEmpty()) {
            emit.accept(new ChatEvent(sessionId, "sources", reply.sources()));
        }
        UUID answerId = storeAnswer(turn, incoming, reply, (int) ((System.nanoTime() - started) / 1_000_000));
        ChatReply result = new ChatReply(sessionId, answerId, reply.answer(), reply.agent(), reply.confidence(),
                reply.sources(), handoff != null || active.isPresent(), reply.degraded());
        emit.accept(new ChatEvent(sessionId, "done", result));
        return result;
    }

    private AgentReply answer(Turn turn, Optional<Handoff> active, TokenSink sink, Consumer<ChatEvent> emit) {
        UUID sessionId = turn.conversationId();
        // Hazards first, whoever has the conversation: stop-driving advice never waits.
        Optional<SafetyRules.Hazard> hazard = SafetyRules.check(turn.text());
        if (hazard.isPresent()) {
            emit.accept(new ChatEvent(sessionId, "agent", Map.of("agent", troubleshoot.name(), "confidence", 1.0)));
            return troubleshoot.safety(turn, hazard.get(), sink);
        }
        if (active.isPresent() && "accepted".equals(active.get().status())) {
            emit.accept(new ChatEvent(sessionId, "agent", Map.of("agent", "human", "confidence", 1.0)));
            String text = "A support agent is handling this conversation and will reply here.";
            sink.all(text);
            return AgentReply.text(text, "human", 1.0);
        }
        if (GeneralAgent.asksForHuman(turn.text())) {
            emit.accept(new ChatEvent(sessionId, "agent", Map.of("agent", general.name(), "confidence", 1.0)));
            String text = "Of course. I've asked a member of our support team to join this conversation; "
                    + "they'll reply here as soon as they can.";
            sink.all(text);
            return AgentReply.text(text, general.name(), 1.0).withHandoff(HandoffNotice.USER_REQUEST);
        }
        ChatAgent agent;
        double routing = 1.0;
        if (MaintenanceAgent.awaitsConfirmation(turn)) {
            agent = maintenance;
        } else if (TroubleshootAgent.inProgress(turn)) {
            agent = troubleshoot;
        } else {
            IntentDecision decision = intents.route(turn.maskedText(), turn.attribution());
            agent = agents.get(decision.intent());
            routing = decision.confidence();
        }
        emit.accept(new ChatEvent(sessionId, "agent", Map.of("agent", agent.name(), "confidence", round(routing))));
        return agent.answer(turn, sink);
    }

    private Message storeIncoming(AuthenticatedUser user, ChatInput input, List<Vehicle> vehicles) {
        if (input.vehicleId() != null && vehicles.stream().noneMatch(v -> v.id().equals(input.vehicleId()))) {
            throw new ResourceNotFoundException("vehicle not found");
        }
        UUID sessionId = input.sessionId() != null ? store.owned(user, input.sessionId()).id() : null;
        UUID messageId = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            ConversationDao conversations = handle.attach(ConversationDao.class);
            UUID id = sessionId;
            if (id == null) {
                id = UUID.randomUUID();
                conversations.insert(id, user.userId(), input.vehicleId(), title(input.message()));
            } else if (input.vehicleId() != null) {
                conversations.setVehicle(id, input.vehicleId());
            }
            MessageDao messages = handle.attach(MessageDao.class);
            messages.insertIncoming(messageId, id, "user", input.message(), input.idempotencyKey());
            return messages.findById(messageId).orElseThrow();
        });
    }

    private Turn turn(AuthenticatedUser user, UUID sessionId, Message incoming, List<Vehicle> vehicles) {
        ConversationRow conversation = jdbi.onDemand(ConversationDao.class).findById(sessionId).orElseThrow();
        List<Message> history = jdbi.onDemand(MessageDao.class).forConversation(sessionId).stream()
                .filter(message -> !message.id().equals(incoming.id())
                        && message.createdAt().compareTo(incoming.createdAt()) <= 0)
                .toList();
        Vehicle vehicle = conversation.vehicleId() == null ? null
                : vehicles.stream().filter(v -> v.id().equals(conversation.vehicleId())).findFirst().orElse(null);
        // One masking session per turn, over everything that may go into a prompt: the same e-mail
        // gets the same placeholder in the history and in the question.
        MaskingSession pii = masker.session();
        List<ChatMessage> maskedHistory = new ArrayList<>();
        List<Message> recent = history.subList(Math.max(0, history.size() - HISTORY_MESSAGES), history.size());
        for (Message message : recent) {
            String role = "user".equals(message.role()) ? "user" : "assistant";
            maskedHistory.add(new ChatMessage(role, pii.mask(message.content()), List.of(), null));
        }
        String summary = condense(history.subList(0, history.size() - recent.size()), sessionId, conversation.summary());
        StringBuilder context = new StringBuilder();
        if (!vehicles.isEmpty()) {
            context.append("The owner's vehicles: ");
            context.append(String.join("; ", vehicles.stream().map(v -> v.modelYear() + " " + v.make() + " " + v.model()
                    + " (" + v.powertrain() + ", " + v.mileageKm() + " km)").toList())).append(".\n");
        }
        if (vehicle != null) {
            context.append("This conversation is about the ").append(vehicle.modelYear()).append(' ')
                    .append(vehicle.make()).append(' ').append(vehicle.model()).append(".\n");
        }
        if (summary != null) {
            context.append("Earlier in this conversation: ").append(pii.mask(summary)).append('\n');
        }
        ObjectNode state = readState(sessionId);
        ChatRequest.Attribution attribution = new ChatRequest.Attribution(RequestIds.current(), sessionId,
                user.userId(), null);
        return new Turn(user, sessionId, incoming.content(), pii.mask(incoming.content()), pii, maskedHistory,
                context.toString().strip(), vehicles, vehicle, state, attribution,
                expected -> jdbi.withHandle(handle -> handle.attach(ConversationDao.class).claimState(sessionId, expected)) == 1);
    }

    /**
     * Older turns are condensed rather than dropped: the owner's earlier questions, briefly, kept
     * on the conversation so a long chat still carries its context into every prompt.
     */
    private String condense(List<Message> older, UUID sessionId, String previous) {
        if (older.isEmpty()) {
            return previous;
        }
        List<String> asked = older.stream().filter(message -> "user".equals(message.role()))
                .map(message -> shorten(message.content(), 120)).toList();
        String summary = "the owner asked: " + String.join(" | ", asked.subList(Math.max(0, asked.size() - 10), asked.size()));
        if (!summary.equals(previous)) {
            jdbi.useHandle(handle -> handle.attach(ConversationDao.class).setSummary(sessionId, summary));
        }
        return summary;
    }

    private UUID storeAnswer(Turn turn, Message incoming, AgentReply reply, int latencyMs) {
        UUID id = UUID.randomUUID();
        String sources = json(reply.sources());
        String tools = json(reply.toolCalls());
        String state = turn.state().toString();
        try {
            jdbi.useTransaction(handle -> {
                handle.attach(MessageDao.class).insertAnswer(id, turn.conversationId(), reply.answer(), reply.agent(),
                        round(reply.confidence()), sources, tools, latencyMs, reply.promptTokens(),
                        reply.completionTokens(), BigDecimal.ZERO, incoming.id());
                handle.attach(ConversationDao.class).saveState(turn.conversationId(), state);
            });
            return id;
        } catch (RuntimeException e) {
            // A concurrent retry of the same send answered first: one answer per message, theirs stands.
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                return jdbi.onDemand(MessageDao.class).answerTo(incoming.id()).map(Message::id).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private ChatReply replay(Message incoming, Message answer) {
        List<Source> sources;
        try {
            sources = List.of(JSON.readValue(answer.sources() == null ? "[]" : answer.sources(), Source[].class));
        } catch (JsonProcessingException e) {
            sources = List.of();
        }
        boolean handedOff = handoffs.active(incoming.conversationId()).isPresent();
        return new ChatReply(incoming.conversationId(), answer.id(), answer.content(), answer.agent(),
                answer.confidence() == null ? 0 : answer.confidence(), sources, handedOff, false);
    }

    private ObjectNode readState(UUID sessionId) {
        try {
            String raw = jdbi.onDemand(ConversationDao.class).state(sessionId);
            return raw == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(raw);
        } catch (JsonProcessingException | ClassCastException e) {
            return JSON.createObjectNode();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(String message) {
        return shorten(message, 80);
    }

    private static String shorten(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
