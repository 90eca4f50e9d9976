package com.genaiauto.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.validation.Validators;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing settings")
class TracingConfigTest {

    private static TracingConfig withEndpoint(String endpoint) {
        return new ObjectMapper().convertValue(Map.of("otlpEndpoint", endpoint), TracingConfig.class);
    }

    @Test
    void shouldSendTracesToTheCollectorsTracesPathAsOpenTelemetryDoes() {
        assertThat(withEndpoint("http://tempo:4318").tracesUrl()).isEqualTo("http://tempo:4318/v1/traces");
        assertThat(withEndpoint("http://tempo:4318/").tracesUrl()).isEqualTo("http://tempo:4318/v1/traces");
    }

    @Test
    void shouldExportOnlyWhenAnEndpointIsSet() {
        assertThat(withEndpoint("").exports()).isFalse();
        assertThat(withEndpoint("  ").exports()).isFalse();
        assertThat(withEndpoint("http://jaeger:4318").exports()).isTrue();
    }

    @Test
    void shouldRefuseAnEndpointThatIsNotAnHttpUrl() {
        assertThat(Validators.newValidator().validate(withEndpoint("tempo:4318")))
                .extracting(violation -> violation.getMessage()).singleElement().asString()
                .contains("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThat(Validators.newValidator().validate(withEndpoint("https://tempo.example:4318"))).isEmpty();
    }

    @Test
    void shouldMakeNoSpansWhenNothingReceivesThem() {
        Tracing tracing = Tracing.create(withEndpoint(""), "test");
        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.tracer().spanBuilder("x").startSpan().getSpanContext().isValid()).isFalse();
    }
}
