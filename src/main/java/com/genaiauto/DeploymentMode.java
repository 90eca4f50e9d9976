package com.genaiauto;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Where the service runs. Production refuses unsafe defaults instead of warning about them. */
public enum DeploymentMode {
    DEVELOPMENT,
    TEST,
    PRODUCTION;

    @JsonCreator
    public static DeploymentMode parse(String value) {
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "", "dev", "development", "local" -> DEVELOPMENT;
            case "test" -> TEST;
            case "prod", "production" -> PRODUCTION;
            default -> throw new IllegalArgumentException(
                    "Unknown mode '" + value + "': use development, test or production");
        };
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }
}
