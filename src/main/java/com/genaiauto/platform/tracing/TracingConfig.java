package com.genaiauto.platform.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * Where spans go (an OTLP/HTTP collector; none when the endpoint is empty), what the service is
 * called there, which share of requests is traced, and how long finished spans wait to be sent in
 * a batch. The variables are OpenTelemetry's own names, so an operator's usual settings work.
 */
public class TracingConfig {

    /** The collector's base URL, e.g. {@code http://tempo:4318}; spans go to {@code <base>/v1/traces}. */
    @JsonProperty
    private String otlpEndpoint = "";

    @NotBlank
    @JsonProperty
    private String serviceName = "genai-auto";

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @JsonProperty
    private double sampleRatio = 1.0;

    /** Milliseconds, as OTEL_BSP_SCHEDULE_DELAY counts them. */
    @Min(1)
    @JsonProperty
    private long scheduleDelayMillis = 5000;

    @AssertTrue(message = "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL, or empty")
    public boolean isEndpointHttp() {
        return !exports() || endpoint().startsWith("http://") || endpoint().startsWith("https://");
    }

    public boolean exports() {
        return !endpoint().isEmpty();
    }

    /** The traces URL: OTEL_EXPORTER_OTLP_ENDPOINT names the collector, the signal's path is appended. */
    public String tracesUrl() {
        String base = endpoint();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    /** An empty variable reaches here as null. */
    private String endpoint() {
        return otlpEndpoint == null ? "" : otlpEndpoint.strip();
    }

    public String serviceName() {
        return serviceName;
    }

    public double sampleRatio() {
        return sampleRatio;
    }

    public Duration scheduleDelay() {
        return Duration.ofMillis(scheduleDelayMillis);
    }
}
