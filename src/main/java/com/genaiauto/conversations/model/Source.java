package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A passage an answer is based on, as shown to the owner: the document, the section, and the
 * passage's own text ({@code excerpt}, at most {@link #EXCERPT_CHARS} characters), kept with the
 * answer so that the owner can open the citation and read what it says. Answers stored before
 * excerpts were kept have none.
 */
public record Source(String title, String section, String sourceName, UUID documentId, double score,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String excerpt) {

    public static final int EXCERPT_CHARS = 1500;

    /** The passage, cut at a word boundary when longer than {@link #EXCERPT_CHARS}. */
    public static String excerptOf(String passage) {
        if (passage == null || passage.isBlank()) {
            return null;
        }
        String text = passage.strip();
        if (text.length() <= EXCERPT_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_CHARS - 1);
        return text.substring(0, cut > EXCERPT_CHARS / 2 ? cut : EXCERPT_CHARS - 1).stripTrailing() + "…";
    }
}
