package com.genaiauto.rag.parse;

/** A piece of a document sized for the embedding model, with the heading path it sits under. */
public record Chunk(int index, String section, String content, int tokenCount) {

    /** What gets embedded: the headings give the chunk its context ("Volta > Charging > At home"). */
    public String embeddingText() {
        return embeddingText(section, content);
    }

    public static String embeddingText(String section, String content) {
        return section == null || section.isBlank() ? content : section + "\n" + content;
    }
}
