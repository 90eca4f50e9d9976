package com.genaiauto.conversations.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.conversations.model.ChatEvent;
import com.genaiauto.conversations.model.ChatInput;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.conversations.turn.Orchestrator;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.ratelimit.UserRateLimits;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open socket of one conversation. The first message must be {@code {"type":"auth","token":...}}
 * for the conversation's owner; then the socket receives every event of the conversation (from any
 * replica, through {@link ChatEvents}) and may send {@code message} and {@code ping}.
 */
@WebSocket
public final class ChatSocket {

    static final int UNAUTHORIZED = 4401;
    static final java.time.Duration AUTHENTICATION_WINDOW = java.time.Duration.ofSeconds(10);
    static final int FORBIDDEN = 4403;
    static final int TOO_SLOW = 4408;
    private static final int MAX_PENDING_FRAMES = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

    private final UUID sessionId;
    private final AuthService auth;
    private final ConversationStore store;
    private final Orchestrator orchestrator;
    private final ChatEvents events;
    private final ObjectMapper json;
    private final ExecutorService workers;
    private final UserRateLimits limits;
    /** The route name of socket messages in the per-user rate limits (config.yml, http.userRateLimits). */
    static final String SOCKET_ROUTE = "WS /ws/{sessionId}";
    private volatile Session session;
    private volatile java.time.Duration idleOnceAuthenticated;
    private volatile AuthenticatedUser user;
    private volatile String token;
    private volatile Runnable unsubscribe;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    ChatSocket(UUID sessionId, AuthService auth, ConversationStore store, Orchestrator orchestrator, ChatEvents events,
               ObjectMapper json, ExecutorService workers, UserRateLimits limits) {
        this.limits = limits;
        this.sessionId = sessionId;
        this.auth = auth;
        this.store = store;
        this.orchestrator = orchestrator;
        this.events = events;
        this.json = json;
        this.workers = workers;
    }

    @OnWebSocketOpen
    public void onOpen(Session opened) {
        this.session = opened;
        // A socket that has not authenticated holds a connection for nothing: it gets a few
        // seconds to send its token, and the long idle timeout only once it has.
        this.idleOnceAuthenticated = opened.getIdleTimeout();
        opened.setIdleTimeout(AUTHENTICATION_WINDOW);
    }

    @OnWebSocketMessage
    public void onText(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            send(Map.of("type", "error", "data", Map.of("code", "malformed_json", "message", "Send JSON messages.")));
            return;
        }
        String type = message.path("type").asText("");
        if (user == null) {
            authenticate(type, message.path("token").asText(""));
            return;
        }
        // The token is checked again on every message: logout, expiry or a disabled account end the socket.
        Optional<AuthenticatedUser> still = auth.authenticate(token);
        if (still.isEmpty()) {
            session.close(UNAUTHORIZED, "the access token is no longer valid", Callback.NOOP);
            return;
        }
        switch (type) {
            case "ping" -> send(Map.of("type", "pong"));
            case "message" -> chat(message);
            default -> send(Map.of("type", "error", "data", Map.of("code", "unknown_type",
                    "message", "Send auth, message or ping.")));
        }
    }

    private void authenticate(String type, String token) {
        Optional<AuthenticatedUser> authenticated = "auth".equals(type) ? auth.authenticate(token) : Optional.empty();
        if (authenticated.isEmpty()) {
            session.close(UNAUTHORIZED, "authenticate first with a valid access token", Callback.NOOP);
            return;
        }
        try {
            store.owned(authenticated.get(), sessionId);
        } catch (ApiException e) {
            session.close(FORBIDDEN, "not your conversation", Callback.NOOP);
            return;
        }
        user = authenticated.get();
        this.token = token;
        session.setIdleTimeout(idleOnceAuthenticated);
        unsubscribe = events.listen(sessionId, this::forward);
        if (closed) {
            // The socket closed while we were checking the token: do not leave a listener behind.
            unsubscribe.run();
            return;
        }
        send(Map.of("type", "ready", "data", Map.of("sessionId", sessionId)));
    }

    private void chat(JsonNode message) {
        AuthenticatedUser owner = user;
        try {
            // A socket message is a chat turn: it shares the owner's chat rate with the REST routes.
            limits.take(SOCKET_ROUTE, owner.userId().toString());
            ChatInput input = new ChatInput(message.path("text").asText(""), sessionId, null,
                    message.hasNonNull("idempotencyKey") ? message.path("idempotencyKey").asText() : null);
            // Events reach this socket through the fan-out like every other socket of the session.
            // The turn runs on a worker thread: it carries this thread's trace context with it.
            workers.execute(Context.current().wrap(() -> {
                try {
                    orchestrator.chat(owner, input, event -> { });
                } catch (ApiException e) {
                    send(Map.of("type", "error", "data", Map.of("code", e.code(), "message", e.getMessage())));
                } catch (RuntimeException e) {
                    LOG.error("Chat over WebSocket failed", e);
                    send(Map.of("type", "error", "data", Map.of("code", "internal_error",
                            "message", "The answer could not be completed.")));
                }
            }));
        } catch (ApiException e) {
            send(Map.of("type", "error", "data", Map.of("code", e.code(), "message", e.getMessage())));
        } catch (RejectedExecutionException e) {
            send(Map.of("type", "error", "data", Map.of("code", "busy", "message", "Too many messages at once; retry.")));
        }
    }

    private void forward(ChatEvent event) {
        send(Map.of("type", event.type(), "data", event.data() == null ? Map.of() : event.data()));
    }

    /**
     * Never blocks the caller (the Redis subscriber thread serves every socket of this replica):
     * Jetty queues the frame, in order. A client that stops reading is dropped when its queue of
     * unsent frames grows past a bound, rather than slowing everyone else down.
     */
    private synchronized void send(Object payload) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        if (pending.get() > MAX_PENDING_FRAMES) {
            current.close(TOO_SLOW, "the client is not reading its messages", Callback.NOOP);
            return;
        }
        try {
            String text = json.writeValueAsString(payload);
            pending.incrementAndGet();
            current.sendText(text, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
        } catch (Exception e) {
            LOG.debug("Could not send to a chat socket", e);
        }
    }

    @OnWebSocketClose
    public void onClose(int status, String reason) {
        closed = true;
        Runnable remove = unsubscribe;
        if (remove != null) {
            remove.run();
        }
    }
}
