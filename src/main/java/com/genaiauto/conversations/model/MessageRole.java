package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a message: the owner, the assistant, or a person from the support team. */
public enum MessageRole {
    USER, ASSISTANT, AGENT, SYSTEM, TOOL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageRole fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
