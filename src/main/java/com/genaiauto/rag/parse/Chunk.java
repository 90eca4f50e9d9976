package com.genaiauto.rag.parse;

/** A piece of a document sized for the embedding model, with the heading path it sits under. */
public record Chunk(int index, String section, String content, int tokenCount) {

    /** What gets embedded: the headings give the chunk its context ("Aster > Charging > At home"). */
    public String embeddingText() {
        return embeddingText(section, content);
    }

    public static String embeddingText(String section, String content) {
        return section == null || section.isBlank() ? content : section + "\n" + content;
    }

    /** The innermost heading of a section path ("Aster > Charging > At home" gives "At home"). */
    public static String lastHeading(String section) {
        if (section == null || section.isBlank()) {
            return null;
        }
        int cut = section.lastIndexOf(" > ");
        return cut < 0 ? section : section.substring(cut + 3);
    }
}
