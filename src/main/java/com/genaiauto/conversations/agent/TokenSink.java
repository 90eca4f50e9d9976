package com.genaiauto.conversations.agent;

/** Where an agent's answer goes as it is written (the SSE stream, the WebSocket fan-out). */
@FunctionalInterface
public interface TokenSink {

    int WORDS_PER_PIECE = 8;

    void token(String text);

    /**
     * Sends a finished text in pieces of a few words, so every answer streams the same way; each
     * piece is an event to every open socket of the session, so not one per word.
     */
    default void all(String text) {
        String[] words = text.split("(?<= )");
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            piece.append(words[i]);
            if ((i + 1) % WORDS_PER_PIECE == 0 || i == words.length - 1) {
                token(piece.toString());
                piece.setLength(0);
            }
        }
    }

}
