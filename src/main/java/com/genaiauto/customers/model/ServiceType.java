package com.genaiauto.customers.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a workshop visit is for, and how long a bay is taken by it. */
public enum ServiceType {
    OIL_CHANGE(60),
    INSPECTION(90),
    TYRE_ROTATION(30),
    TYRE_CHANGE(60),
    BRAKE_SERVICE(120),
    BATTERY_CHECK(30),
    EV_SERVICE(90),
    DIAGNOSTICS(60),
    RECALL(120),
    GENERAL_SERVICE(120);

    private final int minutes;

    ServiceType(int minutes) {
        this.minutes = minutes;
    }

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ServiceType parse(String value) {
        String normalised = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return ServiceType.valueOf(normalised);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown service type '" + value + "'; one of "
                    + Arrays.stream(values()).map(ServiceType::wireName).collect(Collectors.joining(", ")));
        }
    }
}
