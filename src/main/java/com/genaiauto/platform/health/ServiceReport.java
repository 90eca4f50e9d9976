package com.genaiauto.platform.health;

import java.util.Locale;
import java.util.Map;

/** The outcome of all probes: an overall status and each dependency's state. */
public record ServiceReport(Status status, Map<String, String> services) {

    public ServiceReport {
        services = Map.copyOf(services);
    }

    public boolean canServe() {
        return status != Status.UNHEALTHY;
    }

    public enum Status {
        HEALTHY,
        DEGRADED,
        UNHEALTHY;

        Status worsen(ServiceProbe.Impact impact) {
            return switch (impact) {
                case REQUIRED -> UNHEALTHY;
                case OPTIONAL -> this == UNHEALTHY ? UNHEALTHY : DEGRADED;
                case INFORMATIONAL -> this;
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
