package com.genaiauto.platform.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the health endpoints answer. {@code services} (each dependency's state) and {@code ready}
 * appear only where they apply: not on {@code /health/live}, and {@code ready} on {@code /health/ready} only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(
        @Schema(description = "healthy, degraded or unhealthy; alive (/health/live); draining (shutting down)")
        @NotNull String status,
        @NotNull String version,
        @Schema(description = "Each dependency and its state, e.g. database: up") Map<String, String> services,
        Boolean ready) {

    static HealthReport of(ServiceReport report, String version, Boolean ready) {
        return new HealthReport(report.status().label(), version, new TreeMap<>(report.services()), ready);
    }
}
