package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Urgency of a handoff in the support queue (urgent first). */
public enum HandoffPriority {
    URGENT, HIGH, NORMAL, LOW;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HandoffPriority fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
