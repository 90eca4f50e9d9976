package com.genaiauto.rag.model;

import java.util.UUID;

/**
 * The smallest piece of a chunk an answer can quote: a sentence, a list item or a table row (with
 * its header row as {@code context}, which gives the cells their meaning). {@code vector} is its
 * embedding by the current model, or null when it has none yet.
 */
public record AnswerUnit(UUID chunkId, int ordinal, Kind kind, String text, String context, float[] vector) {

    public enum Kind {
        SENTENCE, LIST_ITEM, TABLE_ROW;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What gets embedded: the heading it sits under and, for a table row, the header that names its cells. */
    public static String embeddingText(String heading, Kind kind, String text, String context) {
        StringBuilder embedded = new StringBuilder();
        if (heading != null && !heading.isBlank()) {
            embedded.append(heading).append(": ");
        }
        if (kind == Kind.TABLE_ROW && context != null) {
            embedded.append(context).append('\n');
        }
        return embedded.append(text).toString();
    }
}
