package com.genaiauto.rag.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.genaiauto.platform.errors.UnprocessableException;
import java.util.Locale;

/** Which retrievers a search uses; hybrid fuses both, the others exist to measure each alone. */
public enum SearchMode {
    HYBRID, VECTOR, TEXT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SearchMode fromWire(String value) {
        if (value == null || value.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("mode must be hybrid, vector or text");
        }
    }
}
