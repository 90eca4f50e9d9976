package com.genaiauto.llm.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much quality a request needs, and so which ordered list of models serves it. */
public enum Profile {
    CHEAP,
    BALANCED,
    QUALITY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Profile parse(String value) {
        return value == null ? BALANCED : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
