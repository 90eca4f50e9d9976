package com.genaiauto.rag.model;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.List;
import java.util.Map;

/**
 * What an uploader says about a document. {@code sourceName} identifies it across uploads: the
 * same name with changed content replaces the document's chunks.
 */
public record DocumentMetadata(String title, DocumentType type, String sourceName, String make, String model,
                               Integer yearFrom, Integer yearTo) {

    public DocumentMetadata {
        title = trimToNull(title);
        if (title == null) {
            throw invalid("title", "must not be blank");
        }
        if (title.length() > 300) {
            throw invalid("title", "must be at most 300 characters");
        }
        type = type == null ? DocumentType.OTHER : type;
        sourceName = trimToNull(sourceName);
        if (sourceName == null) {
            sourceName = title;
        }
        if (sourceName.length() > 300) {
            throw invalid("sourceName", "must be at most 300 characters");
        }
        make = trimToNull(make);
        model = trimToNull(model);
        if (yearFrom != null && (yearFrom < 1950 || yearFrom > 2100)) {
            throw invalid("yearFrom", "must be a model year between 1950 and 2100");
        }
        if (yearTo != null && (yearTo < 1950 || yearTo > 2100)) {
            throw invalid("yearTo", "must be a model year between 1950 and 2100");
        }
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw invalid("yearTo", "must not be before yearFrom");
        }
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static UnprocessableException invalid(String field, String message) {
        return new UnprocessableException(field + " " + message,
                Map.of("fields", List.of(Map.of("field", field, "message", message))));
    }
}
