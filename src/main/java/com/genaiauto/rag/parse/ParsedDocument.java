package com.genaiauto.rag.parse;

import java.util.List;

/** The text of an uploaded file as structured blocks, and the title the file gives itself, if any. */
public record ParsedDocument(String detectedTitle, List<Block> blocks) {

    public ParsedDocument {
        blocks = blocks.stream().filter(block -> !block.text().isBlank()).toList();
    }

    public int characterCount() {
        return blocks.stream().mapToInt(block -> block.text().length()).sum();
    }
}
