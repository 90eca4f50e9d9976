package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.genaiauto.platform.errors.UnprocessableException;
import java.util.Arrays;
import java.util.Locale;

/** Where a handoff stands: waiting, taken over by an agent, or closed. */
public enum HandoffStatus {
    OPEN, ACCEPTED, RESOLVED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this == OPEN || this == ACCEPTED;
    }

    public static HandoffStatus fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst()
                .orElseThrow(() -> new UnprocessableException("status must be open, accepted, resolved or cancelled"));
    }
}
