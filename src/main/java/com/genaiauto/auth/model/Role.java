package com.genaiauto.auth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who a user is to the service: a vehicle owner, human support staff, or an administrator. */
public enum Role {
    CUSTOMER,
    AGENT,
    ADMIN;

    public static final String CUSTOMER_NAME = "customer";
    public static final String AGENT_NAME = "agent";
    public static final String ADMIN_NAME = "admin";

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is required");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case CUSTOMER_NAME -> CUSTOMER;
            case AGENT_NAME -> AGENT;
            case ADMIN_NAME -> ADMIN;
            default -> throw new IllegalArgumentException("unknown role '" + value + "'");
        };
    }

    public boolean isStaff() {
        return this == AGENT || this == ADMIN;
    }
}
