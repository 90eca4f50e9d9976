package com.genaiauto.rag.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The YAML block a Markdown file may open with ({@code ---} lines around {@code title}, {@code type},
 * {@code make} or {@code brand}, {@code model}, {@code years: 2021-2026} or {@code year_from} /
 * {@code year_to}): what the file says about itself, and the body that follows.
 */
public record FrontMatter(String title, String type, String make, String model, Integer yearFrom, Integer yearTo) {

    public static final FrontMatter NONE = new FrontMatter(null, null, null, null, null, null);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The front matter and the body after it; no block (or an unreadable one) leaves the text whole. */
    public record Split(FrontMatter frontMatter, String body) {
    }

    public static Split split(String markdown) {
        String normalised = markdown.replace("\r\n", "\n");
        String text = normalised.startsWith("\uFEFF") ? normalised.substring(1) : normalised;
        if (!text.startsWith("---\n")) {
            return new Split(NONE, text);
        }
        // The closing line may follow the opening one at once ("---\n---": an empty block).
        int end = text.startsWith("---\n---") ? 3 : text.indexOf("\n---", 3);
        if (end < 0 || (end + 4 < text.length() && text.charAt(end + 4) != '\n')) {
            return new Split(NONE, text);
        }
        Optional<FrontMatter> parsed = end == 3 ? Optional.of(NONE) : parse(text.substring(4, end));
        String body = end + 5 <= text.length() ? text.substring(end + 5) : "";
        return parsed.map(frontMatter -> new Split(frontMatter, body)).orElseGet(() -> new Split(NONE, text));
    }

    private static Optional<FrontMatter> parse(String yaml) {
        try {
            JsonNode meta = YAML.readTree(yaml);
            if (meta == null || !meta.isObject()) {
                return Optional.empty();
            }
            Integer from = year(meta, "year_from", "yearFrom");
            Integer to = year(meta, "year_to", "yearTo");
            String years = text(meta, "years", "year");
            if (years != null && from == null && to == null) {
                String[] range = years.split("\\s*(?:-|–|to)\\s*");
                from = parseYear(range[0]);
                to = parseYear(range[range.length - 1]);
            }
            return Optional.of(new FrontMatter(text(meta, "title"), text(meta, "type"), text(meta, "make", "brand"),
                    text(meta, "model"), from, to));
        } catch (IOException | RuntimeException e) {
            // Not YAML after all (a horizontal rule at the top): the whole text is the document.
            return Optional.empty();
        }
    }

    private static String text(JsonNode meta, String... names) {
        for (String name : names) {
            JsonNode value = meta.get(name);
            if (value != null && !value.isNull() && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return null;
    }

    private static Integer year(JsonNode meta, String... names) {
        String value = text(meta, names);
        return value == null ? null : parseYear(value);
    }

    private static Integer parseYear(String value) {
        String digits = value.strip();
        return digits.matches("\\d{4}") ? Integer.valueOf(digits) : null;
    }
}
