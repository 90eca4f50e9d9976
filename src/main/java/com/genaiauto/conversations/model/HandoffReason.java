package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Why a conversation went to a person, and how urgently a person should pick it up. */
public enum HandoffReason {
    SAFETY(HandoffPriority.URGENT),
    COMPLAINT(HandoffPriority.HIGH),
    PROVIDERS_UNAVAILABLE(HandoffPriority.HIGH),
    USER_REQUEST(HandoffPriority.NORMAL),
    LOW_CONFIDENCE(HandoffPriority.NORMAL);

    private final HandoffPriority priority;

    HandoffReason(HandoffPriority priority) {
        this.priority = priority;
    }

    public HandoffPriority priority() {
        return priority;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static HandoffReason fromWire(String value) {
        return Arrays.stream(values()).filter(reason -> reason.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown handoff reason: " + value));
    }
}
