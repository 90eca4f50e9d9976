package com.genaiauto.rag.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The formats the knowledge base reads, by media type and by file extension. */
public final class DocumentFormats {

    public static final String MARKDOWN = "text/markdown";
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static final Map<String, DocumentParser> BY_TYPE = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of(
            "text/x-markdown", MARKDOWN, "application/xhtml+xml", HTML, "application/x-pdf", PDF);
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "md", MARKDOWN, "markdown", MARKDOWN, "txt", PLAIN, "text", PLAIN, "html", HTML, "htm", HTML,
            "pdf", PDF, "docx", DOCX);

    static {
        BY_TYPE.put(MARKDOWN, new MarkdownParser());
        BY_TYPE.put(PLAIN, new PlainTextParser());
        BY_TYPE.put(HTML, new HtmlParser());
        BY_TYPE.put(PDF, new PdfParser());
        BY_TYPE.put(DOCX, new DocxParser());
    }

    private DocumentFormats() {
    }

    public static List<String> supported() {
        return List.copyOf(BY_TYPE.keySet());
    }

    /**
     * The canonical media type of an upload: its declared type when we read it, else its file
     * extension's (browsers often send {@code application/octet-stream} for Markdown files).
     */
    public static Optional<String> resolve(String declaredType, String fileName) {
        String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        declared = ALIASES.getOrDefault(declared, declared);
        if (BY_TYPE.containsKey(declared)) {
            return Optional.of(declared);
        }
        if (fileName != null && fileName.contains(".")) {
            String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return Optional.ofNullable(BY_EXTENSION.get(extension));
        }
        return Optional.empty();
    }

    public static DocumentParser parserFor(String mediaType) {
        DocumentParser parser = BY_TYPE.get(mediaType);
        if (parser == null) {
            throw new IllegalArgumentException("no parser for " + mediaType);
        }
        return parser;
    }
}
