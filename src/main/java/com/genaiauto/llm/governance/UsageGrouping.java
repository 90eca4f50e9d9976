package com.genaiauto.llm.governance;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a usage report groups the ledger's rows. The SQL is fixed here, never taken from a request. */
public enum UsageGrouping {
    @JsonProperty("key") KEY("api_key_id::text"),
    @JsonProperty("user") USER("user_id::text"),
    @JsonProperty("model") MODEL("provider || '/' || model"),
    @JsonProperty("day") DAY("to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

    private final String expression;

    UsageGrouping(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }

    public static UsageGrouping parse(String value) {
        return value == null ? KEY : valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
