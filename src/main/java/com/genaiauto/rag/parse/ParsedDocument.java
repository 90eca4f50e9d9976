package com.genaiauto.rag.parse;

import java.util.List;

/**
 * The text of an uploaded file as structured blocks, the title the file gives itself, if any, and
 * what its front matter declares (Markdown only; {@link FrontMatter#NONE} otherwise).
 */
public record ParsedDocument(String detectedTitle, List<Block> blocks, FrontMatter frontMatter) {

    public ParsedDocument {
        blocks = blocks.stream().filter(block -> !block.text().isBlank()).toList();
        detectedTitle = detectedTitle == null ? null : detectedTitle.replace("\u0000", "");
        frontMatter = frontMatter == null ? FrontMatter.NONE : frontMatter;
    }

    public ParsedDocument(String detectedTitle, List<Block> blocks) {
        this(detectedTitle, blocks, FrontMatter.NONE);
    }

    public int characterCount() {
        return blocks.stream().mapToInt(block -> block.text().length()).sum();
    }

    /** Every heading of the document, in order, without repeats. */
    public List<String> headings() {
        return blocks.stream().flatMap(block -> block.headings().stream()).distinct().toList();
    }
}
