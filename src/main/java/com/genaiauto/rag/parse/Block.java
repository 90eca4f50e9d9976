package com.genaiauto.rag.parse;

import java.util.List;

/**
 * One structural unit of a parsed document under its heading path: a paragraph, a list (one item
 * per line) or a table (one row per line, header first). The chunker never cuts a list item or a
 * table row in half.
 */
public record Block(List<String> headings, Kind kind, String text) {

    public enum Kind { PARAGRAPH, LIST, TABLE, CODE }

    /** A NUL in a file's text (some PDFs and text files carry them) cannot be stored: it is dropped. */
    public Block {
        headings = headings.stream().map(heading -> heading.replace("\u0000", "")).toList();
        text = text.replace("\u0000", "").strip();
    }
}
