package com.genaiauto.conversations.model;

import java.util.List;
import java.util.UUID;

/** The answer to one message, as {@code POST /api/v1/chat} returns it and the stream's last event carries it. */
public record ChatReply(UUID sessionId, UUID messageId, String answer, String agent, double confidence,
                        List<Source> sources, boolean handoff, boolean degraded) {

    public ChatReply {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
