package com.genaiauto.conversations.turn;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.agent.AgentReply;
import com.genaiauto.conversations.agent.TokenSink;
import com.genaiauto.conversations.handoff.HandoffService;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.conversations.model.ChatInput;
import com.genaiauto.conversations.model.ChatReply;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.HandoffStatus;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.model.Source;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.customers.model.Vehicle;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.platform.errors.ConflictException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.tracing.Spans;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One owner message, end to end. The message is stored before anything answers it and the answer
 * after, so an acknowledged message survives a crash; a retried send with the same idempotency key
 * gets the stored answer (or, if the crash came in between, the answer is produced then). The
 * {@link TurnRouter} decides who answers; a hazard, a complaint, a request for a person, a question
 * the documents say nothing about, or every provider failing hands the conversation to a person.
 * An answer below the confidence threshold says so and offers a person. Each turn is a
 * {@code chat turn} span, under which retrieval and model calls nest.
 */
public final class Orchestrator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DUPLICATE_POLL = Duration.ofMillis(100);
    static final String UNSURE = "\n\nI'm not fully sure this answers your question. Would you like a support agent "
            + "to check it? Say yes and I'll ask one to join.";

    static final AttributeKey<String> SESSION = AttributeKey.stringKey("genai.session_id");
    static final AttributeKey<String> AGENT = AttributeKey.stringKey("genai.agent");
    static final AttributeKey<Double> CONFIDENCE = AttributeKey.doubleKey("genai.confidence");
    static final AttributeKey<Boolean> HANDED_OFF = AttributeKey.booleanKey("genai.handoff");
    static final AttributeKey<Boolean> DEGRADED = AttributeKey.booleanKey("genai.degraded");

    private final ConversationStore store;
    private final TurnBuilder turns;
    private final TurnRouter router;
    private final HandoffService handoffs;
    private final ChatEvents events;
    private final CustomerTools customers;
    private final double confidenceThreshold;
    private final Clock clock;
    private final Counter uncertain;
    private final Duration duplicateWait;
    private final Tracer tracer;

    public Orchestrator(ConversationStore store, TurnBuilder turns, TurnRouter router, HandoffService handoffs,
                        ChatEvents events, CustomerTools customers, double confidenceThreshold, Duration duplicateWait,
                        Clock clock, MetricRegistry metrics, Tracer tracer) {
        this.store = store;
        this.turns = turns;
        this.router = router;
        this.handoffs = handoffs;
        this.events = events;
        this.customers = customers;
        this.confidenceThreshold = confidenceThreshold;
        this.clock = clock;
        this.duplicateWait = duplicateWait;
        this.uncertain = metrics.counter("chat.answers_uncertain");
        this.tracer = tracer;
    }

    /**
     * Answers one message. Events go to {@code direct} (the caller's stream) and to every socket
     * of the session; the returned reply is what the last event carries.
     */
    public ChatReply chat(AuthenticatedUser user, ChatInput input, Consumer<ChatEvent> direct) {
        Span span = tracer.spanBuilder("chat turn").startSpan();
        return Spans.within(span, () -> {
            ChatReply reply = answer(user, input, direct);
            // Ids and outcomes only: the owner's words and the answer stay out of traces.
            span.setAttribute(SESSION, reply.sessionId().toString());
            span.setAttribute(AGENT, String.valueOf(reply.agent()));
            span.setAttribute(CONFIDENCE, reply.confidence());
            span.setAttribute(HANDED_OFF, reply.handoff());
            span.setAttribute(DEGRADED, reply.degraded());
            return reply;
        });
    }

    private ChatReply answer(AuthenticatedUser user, ChatInput input, Consumer<ChatEvent> direct) {
        long started = System.nanoTime();
        Consumer<ChatEvent> emit = event -> {
            direct.accept(event);
            events.publish(event);
        };
        Optional<Message> retried = store.retriedSend(user.userId(), input.idempotencyKey(), input.sessionId());
        // A retry while the first send is still being answered gets that answer, not a second one.
        Optional<ChatReply> replayed = retried.flatMap(sent -> replayIfAnswered(sent, duplicateWait, emit));
        if (replayed.isPresent()) {
            return replayed.get();
        }
        // Read once per turn: it checks the vehicle the client names and describes the owner's cars.
        List<Vehicle> vehicles = customers.vehicles(user);
        Message incoming;
        boolean fresh = false;
        if (retried.isPresent()) {
            incoming = retried.get();
        } else {
            ConversationStore.Incoming stored = storeIncoming(user, input, vehicles);
            incoming = stored.message();
            fresh = !stored.duplicate();
            if (stored.duplicate()) {
                if (input.sessionId() != null && !input.sessionId().equals(incoming.conversationId())) {
                    throw new ConflictException("This idempotency key was already used for a message in another conversation.");
                }
                // Another copy of this send, arrived at the same moment, is answering it: its answer is this one's.
                replayed = replayIfAnswered(incoming, duplicateWait, emit);
                if (replayed.isPresent()) {
                    return replayed.get();
                }
            }
        }
        UUID sessionId = incoming.conversationId();
        emit.accept(new ChatEvent(sessionId, "session", Map.of("sessionId", sessionId, "messageId", incoming.id())));
        if (fresh) {
            // For whoever watches the conversation elsewhere (the owner's other devices, a support
            // agent); the sender's own stream has the message already.
            events.publish(new ChatEvent(sessionId, "user_message", Map.of("messageId", incoming.id(),
                    "content", incoming.content(), "createdAt", incoming.createdAt())));
        }

        Turn turn = turns.build(user, incoming, vehicles);
        TokenSink sink = text -> emit.accept(new ChatEvent(sessionId, "token", Map.of("text", text)));
        // Read once per turn: who has the conversation decides the answer and the reply's handoff flag.
        Optional<Handoff> active = handoffs.active(sessionId);
        AgentReply reply = router.answer(turn, active.map(Handoff::status).orElse(null), sink,
                (agent, confidence) -> emit.accept(new ChatEvent(sessionId, "agent",
                        Map.of("agent", agent, "confidence", Math.round(confidence * 1000) / 1000.0))));

        HandoffReason reason = reply.handoff();
        // Only a statement about the car can be wrong in a way a person should check; a greeting or
        // a question back cannot. With nothing in the documents to go on, a person takes over; with
        // an answer the assistant is unsure of, the owner gets it, says so, and is offered a person.
        if (reason == null && reply.kind() == AgentReply.Kind.ANSWER && reply.confidence() < confidenceThreshold) {
            if (reply.sources().isEmpty()) {
                reason = HandoffReason.LOW_CONFIDENCE;
            } else {
                sink.all(UNSURE);
                reply = reply.withAppended(UNSURE).withState(new FlowState.AgentOffered(clock.instant()));
                uncertain.inc();
            }
        }
        Handoff handoff = null;
        if (reason != null) {
            String summary = reason.wire() + ": " + TurnBuilder.shorten(incoming.content(), 300)
                    + (reply.handoffNote() == null ? "" : " | " + reply.handoffNote());
            handoff = handoffs.open(sessionId, user.userId(), reason, summary);
            emit.accept(new ChatEvent(sessionId, "handoff", Map.of("handoffId", handoff.id(), "reason", reason.wire(),
                    "message", notice(reason))));
        }
        if (!reply.sources().isEmpty()) {
            emit.accept(new ChatEvent(sessionId, "sources", reply.sources()));
        }
        int latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
        UUID answerId = store.storeAnswer(sessionId, incoming.id(), new ConversationStore.Answer(reply.answer(),
                reply.agent(), reply.confidence(), reply.sources(), reply.toolCalls(), latencyMs,
                reply.promptTokens(), reply.completionTokens(), reply.degraded()), reply.state());
        ChatReply result = new ChatReply(sessionId, answerId, reply.answer(), reply.agent(), round(reply.confidence()),
                reply.sources(), handoff != null || active.isPresent(), reply.degraded());
        emit.accept(new ChatEvent(sessionId, "done", result));
        return result;
    }

    private static String notice(HandoffReason reason) {
        return switch (reason) {
            case SAFETY -> "This needs a person now: a support agent has been alerted.";
            case COMPLAINT -> "A member of our customer relations team will take this over.";
            case USER_REQUEST -> "A support agent will join this conversation shortly.";
            case PROVIDERS_UNAVAILABLE -> "Our assistant is having trouble; a support agent will follow up.";
            case LOW_CONFIDENCE -> "I'm not fully sure about this one, so I've asked a support agent to check.";
        };
    }

    private ConversationStore.Incoming storeIncoming(AuthenticatedUser user, ChatInput input, List<Vehicle> vehicles) {
        if (input.vehicleId() != null && vehicles.stream().noneMatch(v -> v.id().equals(input.vehicleId()))) {
            throw new ResourceNotFoundException("vehicle not found");
        }
        UUID sessionId = input.sessionId() != null ? store.owned(user, input.sessionId()).id() : null;
        return store.storeIncoming(user.userId(), sessionId, input.vehicleId(), input.message(),
                input.idempotencyKey(), TurnBuilder.shorten(input.message(), 80));
    }

    /**
     * The stored answer to a send, replayed to this caller; when none is stored yet, waits for it
     * while the send is younger than {@code wait} (a copy still answering it). A send older than
     * that was left unanswered (the process stopped mid-turn) and is answered again by the caller.
     */
    private Optional<ChatReply> replayIfAnswered(Message sent, Duration wait, Consumer<ChatEvent> emit) {
        Optional<Message> answer = store.answerTo(sent.id());
        Instant until = sent.createdAt().plus(wait);
        while (answer.isEmpty() && clock.instant().isBefore(until)) {
            try {
                Thread.sleep(DUPLICATE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = store.answerTo(sent.id());
        }
        return answer.map(stored -> {
            ChatReply reply = replay(sent, stored);
            emit.accept(new ChatEvent(reply.sessionId(), "session",
                    Map.of("sessionId", reply.sessionId(), "messageId", sent.id())));
            emit.accept(new ChatEvent(reply.sessionId(), "done", reply));
            return reply;
        });
    }

    private ChatReply replay(Message incoming, Message answer) {
        List<Source> sources;
        try {
            sources = List.of(JSON.readValue(answer.sources() == null ? "[]" : answer.sources(), Source[].class));
        } catch (JsonProcessingException e) {
            sources = List.of();
        }
        boolean handedOff = handoffs.active(incoming.conversationId()).map(Handoff::status)
                .filter(HandoffStatus::active).isPresent();
        return new ChatReply(incoming.conversationId(), answer.id(), answer.content(), answer.agent(),
                answer.confidence() == null ? 0 : answer.confidence(), sources, handedOff, answer.degraded());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
