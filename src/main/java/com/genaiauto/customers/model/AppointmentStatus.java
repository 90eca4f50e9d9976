package com.genaiauto.customers.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** requested → confirmed → completed, or cancelled from requested or confirmed. */
public enum AppointmentStatus {
    REQUESTED,
    CONFIRMED,
    COMPLETED,
    CANCELLED;

    public boolean isActive() {
        return this == REQUESTED || this == CONFIRMED;
    }

    public boolean canBecome(AppointmentStatus next) {
        return switch (this) {
            case REQUESTED -> next == CONFIRMED || next == CANCELLED || next == COMPLETED;
            case CONFIRMED -> next == COMPLETED || next == CANCELLED;
            case COMPLETED, CANCELLED -> false;
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AppointmentStatus parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
