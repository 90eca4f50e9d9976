package com.genaiauto.rag.parse;

import java.util.List;

/**
 * One structural unit of a parsed document under its heading path: a paragraph, a list (one item
 * per line) or a table (one row per line, header first). The chunker never cuts a list item or a
 * table row in half.
 */
public record Block(List<String> headings, Kind kind, String text) {

    public enum Kind { PARAGRAPH, LIST, TABLE, CODE }

    public Block {
        headings = List.copyOf(headings);
        text = text.strip();
    }
}
