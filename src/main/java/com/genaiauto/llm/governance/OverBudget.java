package com.genaiauto.llm.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a key's calls do once a budget of the key (or of its owner) is spent. */
public enum OverBudget {
    /** Refused (429 {@code insufficient_quota}, not retried by SDKs) until the period ends. */
    @JsonProperty("stop") STOP,
    /** Served by the {@code cheap} alias and free deployments, as the service's own daily budget does. */
    @JsonProperty("downgrade") DOWNGRADE;

    public String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OverBudget fromDatabase(String value) {
        return value == null ? STOP : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
