package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A conversation is with the assistant, with a person, or closed. */
public enum ConversationStatus {
    ACTIVE, HANDED_OFF, CLOSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
