package com.genaiauto.conversations.model;

import java.util.UUID;

/**
 * One event of a conversation, delivered over SSE to the sender and over WebSockets to every
 * open socket of the session, on any replica. {@code type}: session, agent, token, sources,
 * handoff, done, error, agent_message, user_message.
 */
public record ChatEvent(UUID sessionId, String type, Object data) {
}
