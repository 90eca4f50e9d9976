package com.genaiauto.rag.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.genaiauto.platform.errors.UnprocessableException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What kind of document a knowledge-base entry is; filters and answers cite it. */
public enum DocumentType {
    MANUAL, SERVICE_BULLETIN, FAQ, WARRANTY, SPEC_SHEET, TROUBLESHOOTING, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DocumentType fromWire(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(type -> type.name().equals(normalised)).findFirst()
                .orElseThrow(() -> new UnprocessableException("unknown document type: " + value,
                        Map.of("fields", List.of(Map.of("field", "type", "message",
                                "must be one of " + Arrays.stream(values()).map(DocumentType::wire).toList())))));
    }
}
