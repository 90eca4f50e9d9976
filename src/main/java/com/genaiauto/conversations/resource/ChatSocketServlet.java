package com.genaiauto.conversations.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.conversations.turn.Orchestrator;
import com.genaiauto.platform.ratelimit.UserRateLimits;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * {@code GET /ws/{sessionId}}: upgrades to a WebSocket for one conversation. Browsers cannot set
 * headers on a WebSocket, and a token in the URL would land in access logs, so the socket is
 * authenticated by its first message instead (see {@link ChatSocket}).
 */
public final class ChatSocketServlet extends JettyWebSocketServlet {

    /** The route served here, for the OpenAPI completeness test (described by {@link ChatSocketApi}). */
    public static final String ENDPOINT = "GET /ws/{sessionId}";

    private static final long serialVersionUID = 1L;

    private final transient AuthService auth;
    private final transient ConversationStore store;
    private final transient Orchestrator orchestrator;
    private final transient ChatEvents events;
    private final transient ObjectMapper json;
    private final transient ExecutorService workers;
    private final transient UserRateLimits limits;

    public ChatSocketServlet(AuthService auth, ConversationStore store, Orchestrator orchestrator, ChatEvents events,
                             ObjectMapper json, ExecutorService workers, UserRateLimits limits) {
        this.limits = limits;
        this.auth = auth;
        this.store = store;
        this.orchestrator = orchestrator;
        this.events = events;
        this.json = json;
        this.workers = workers;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Long-lived by design; the client pings and reconnects. nginx's /ws/ timeout is longer still.
        factory.setIdleTimeout(Duration.ofMinutes(10));
        factory.setMaxTextMessageSize(16 * 1024);
        factory.setCreator((request, response) -> {
            String path = request.getRequestPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            UUID sessionId;
            try {
                sessionId = UUID.fromString(last);
            } catch (IllegalArgumentException e) {
                response.sendError(404, "unknown conversation");
                return null;
            }
            return new ChatSocket(sessionId, auth, store, orchestrator, events, json, workers, limits);
        });
    }
}
