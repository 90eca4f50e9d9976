package com.genaiauto.conversations.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an owner's message is about; each intent has its agent. */
public enum Intent {
    SPECS, MAINTENANCE, TROUBLESHOOT, GENERAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Intent parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
