package com.genaiauto.platform.health;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The outcome of all probes: an overall status, each dependency's state and which ones are down. */
public record ServiceReport(Status status, Map<String, String> services, Set<String> down) {

    public ServiceReport {
        services = Map.copyOf(services);
        down = Set.copyOf(down);
    }

    public ServiceReport(Status status, Map<String, String> services) {
        this(status, services, Set.of());
    }

    /** The dependency was probed and answered. */
    public boolean isUp(String service) {
        return services.containsKey(service) && !down.contains(service);
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
