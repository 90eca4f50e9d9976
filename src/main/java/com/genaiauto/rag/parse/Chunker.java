package com.genaiauto.rag.parse;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packs blocks into chunks under a token budget without mixing sections. A block too large for one
 * chunk is split on its natural boundaries — sentences for prose, rows for tables (the header row
 * repeated on each part), items for lists — and consecutive prose chunks of one section overlap by
 * a few sentences so that an answer spanning the cut is still found whole in one of them.
 */
public final class Chunker {

    private final int maxTokens;
    private final int overlapTokens;

    public Chunker(int maxTokens, int overlapTokens) {
        if (maxTokens < 32 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("need maxTokens >= 32 and 0 <= overlapTokens < maxTokens / 2");
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /**
     * A cheap, model-independent estimate (about 4 characters per word-piece token for English,
     * rounded up): chunk sizes only need to stay safely under the model's 512-token window.
     */
    public static int estimateTokens(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return Math.max((text.length() + 3) / 4, (int) Math.ceil(words * 1.3));
    }

    public List<Chunk> chunk(String documentTitle, List<Block> blocks) {
        List<Chunk> chunks = new ArrayList<>();
        String currentSection = null;
        List<String> pieces = new ArrayList<>();
        int tokens = 0;
        for (Block block : blocks) {
            String section = section(documentTitle, block.headings());
            if (!section.equals(currentSection)) {
                flush(chunks, currentSection, pieces);
                pieces = new ArrayList<>();
                tokens = 0;
                currentSection = section;
            }
            int blockTokens = estimateTokens(block.text());
            if (tokens + blockTokens <= maxTokens) {
                pieces.add(block.text());
                tokens += blockTokens;
                continue;
            }
            if (blockTokens <= maxTokens) {
                List<String> overlap = overlapOf(pieces);
                flush(chunks, section, pieces);
                pieces = new ArrayList<>(overlap);
                tokens = pieces.stream().mapToInt(Chunker::estimateTokens).sum();
                if (tokens + blockTokens > maxTokens) {
                    pieces.clear();
                    tokens = 0;
                }
                pieces.add(block.text());
                tokens += blockTokens;
                continue;
            }
            // The block alone is over budget: split it, each part a chunk of its own.
            flush(chunks, section, pieces);
            pieces = new ArrayList<>();
            tokens = 0;
            for (String part : split(block)) {
                chunks.add(new Chunk(chunks.size(), section, part, estimateTokens(part)));
            }
        }
        flush(chunks, currentSection, pieces);
        return chunks;
    }

    private static String section(String documentTitle, List<String> headings) {
        List<String> path = new ArrayList<>(headings);
        if (documentTitle != null && !documentTitle.isBlank()
                && (path.isEmpty() || !path.get(0).equalsIgnoreCase(documentTitle.strip()))) {
            path.add(0, documentTitle.strip());
        }
        return String.join(" > ", path);
    }

    private static void flush(List<Chunk> chunks, String section, List<String> pieces) {
        if (pieces.isEmpty()) {
            return;
        }
        String content = String.join("\n\n", pieces);
        chunks.add(new Chunk(chunks.size(), section, content, estimateTokens(content)));
    }

    /** The trailing sentences of the last prose piece, up to the overlap budget. */
    private List<String> overlapOf(List<String> pieces) {
        if (overlapTokens == 0 || pieces.isEmpty()) {
            return List.of();
        }
        String last = pieces.get(pieces.size() - 1);
        if (last.startsWith("|") || last.startsWith("- ") || last.matches("(?s)^\\d+\\. .*")) {
            return List.of();
        }
        List<String> sentences = sentences(last);
        StringBuilder tail = new StringBuilder();
        for (int i = sentences.size() - 1; i >= 0; i--) {
            String candidate = sentences.get(i) + (tail.length() == 0 ? "" : " " + tail);
            if (estimateTokens(candidate) > overlapTokens) {
                break;
            }
            tail.setLength(0);
            tail.append(candidate);
        }
        return tail.length() == 0 || tail.toString().equals(last) ? List.of() : List.of(tail.toString());
    }

    private List<String> split(Block block) {
        return switch (block.kind()) {
            case TABLE -> packRows(block.text().lines().toList(), true);
            case LIST, CODE -> packRows(block.text().lines().toList(), false);
            case PARAGRAPH -> packSentences(sentences(block.text()));
        };
    }

    private List<String> packRows(List<String> rows, boolean repeatHeader) {
        List<String> parts = new ArrayList<>();
        String header = repeatHeader && !rows.isEmpty() ? rows.get(0) : null;
        StringBuilder part = new StringBuilder();
        for (int i = header == null ? 0 : 1; i < rows.size(); i++) {
            String row = rows.get(i);
            String candidate = part.length() == 0 ? (header == null ? row : header + "\n" + row) : part + "\n" + row;
            if (part.length() > 0 && estimateTokens(candidate) > maxTokens) {
                parts.add(part.toString());
                part.setLength(0);
                part.append(header == null ? row : header + "\n" + row);
            } else {
                part.setLength(0);
                part.append(candidate);
            }
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        // A single row longer than the budget is cut as prose rather than dropped or left too big.
        return parts.stream().flatMap(p -> estimateTokens(p) > maxTokens ? packSentences(sentences(p)).stream()
                : java.util.stream.Stream.of(p)).toList();
    }

    private List<String> packSentences(List<String> sentences) {
        List<String> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int tokens = 0;
        for (String sentence : sentences) {
            for (String piece : hardSplit(sentence)) {
                int pieceTokens = estimateTokens(piece);
                if (!current.isEmpty() && tokens + pieceTokens > maxTokens) {
                    parts.add(String.join(" ", current));
                    List<String> overlap = overlapOf(List.of(String.join(" ", current)));
                    current = new ArrayList<>(overlap);
                    tokens = current.stream().mapToInt(Chunker::estimateTokens).sum();
                }
                current.add(piece);
                tokens += pieceTokens;
            }
        }
        if (!current.isEmpty()) {
            parts.add(String.join(" ", current));
        }
        return parts;
    }

    /** A "sentence" with no full stop for pages (a dump of text) is cut on words. */
    private List<String> hardSplit(String sentence) {
        if (estimateTokens(sentence) <= maxTokens) {
            return List.of(sentence);
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String word : sentence.split("\\s+")) {
            if (part.length() > 0 && estimateTokens(part + " " + word) > maxTokens) {
                parts.add(part.toString());
                part.setLength(0);
            }
            if (part.length() > 0) {
                part.append(' ');
            }
            // A single "word" longer than the budget (a base64 blob) is cut by characters.
            String rest = word;
            while (estimateTokens(rest) > maxTokens) {
                parts.add(rest.substring(0, maxTokens * 4 - 4));
                rest = rest.substring(maxTokens * 4 - 4);
            }
            part.append(rest);
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    static List<String> sentences(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        iterator.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = iterator.first(), end = iterator.next(); end != BreakIterator.DONE;
             start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
