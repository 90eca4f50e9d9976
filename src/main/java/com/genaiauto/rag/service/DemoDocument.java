package com.genaiauto.rag.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.genaiauto.rag.model.DocumentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A Markdown file of the bundled knowledge base: YAML front matter (title, type, make, model, years), then the body. */
public record DemoDocument(String slug, String title, DocumentType type, String make, String model, Integer yearFrom,
                           Integer yearTo, String markdown) {

    private static final YAMLMapper YAML = new YAMLMapper();

    public static DemoDocument parse(String slug, String file) {
        String text = file.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            throw new IllegalArgumentException(slug + ": missing front matter");
        }
        int end = text.indexOf("\n---\n", 4);
        if (end < 0) {
            throw new IllegalArgumentException(slug + ": unterminated front matter");
        }
        try {
            JsonNode meta = YAML.readTree(text.substring(4, end));
            String years = meta.path("years").asText("");
            Integer from = null;
            Integer to = null;
            if (!years.isBlank()) {
                String[] range = years.split("[-–]");
                from = Integer.parseInt(range[0].trim());
                to = Integer.parseInt(range[range.length - 1].trim());
            }
            return new DemoDocument(slug, meta.path("title").asText(), DocumentType.fromWire(meta.path("type").asText()),
                    textOrNull(meta, "make"), textOrNull(meta, "model"), from, to, text.substring(end + 5));
        } catch (IOException e) {
            throw new UncheckedIOException(slug + ": unreadable front matter", e);
        }
    }

    private static String textOrNull(JsonNode meta, String field) {
        String value = meta.path(field).asText("");
        return value.isBlank() ? null : value;
    }

    public Upload asUpload() {
        return new Upload(markdown.getBytes(StandardCharsets.UTF_8), "text/markdown", slug + ".md", title, type, slug,
                make, model, yearFrom, yearTo, null);
    }
}
