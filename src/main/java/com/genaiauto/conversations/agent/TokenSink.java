package com.genaiauto.conversations.agent;

/** Where an agent's answer goes as it is written (the SSE stream, the WebSocket fan-out). */
@FunctionalInterface
public interface TokenSink {

    void token(String text);

    /** Sends a finished text in word-sized pieces, so every answer streams the same way. */
    default void all(String text) {
        for (String piece : text.split("(?<= )")) {
            token(piece);
        }
    }
}
