package com.genaiauto.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.RunningApp;
import io.opentelemetry.api.trace.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Tracing: spans exported over OTLP/HTTP to a collector on loopback")
class OtlpExportIT {

    private static final String SERVICE = "genai-auto-export-test";
    private static final OtlpCollector COLLECTOR = OtlpCollector.start();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("tracing.otlpEndpoint", COLLECTOR.url())
            .set("tracing.serviceName", SERVICE)
            // Sent a tenth of a second after they end, not five seconds.
            .set("tracing.scheduleDelayMillis", "100"));

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
    }

    @Test
    void shouldExportARequestsSpansWithTheServiceNameAndRequestId() throws Exception {
        String requestId = "otlp-export-" + UUID.randomUUID();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + APP.port() + "/api/v1/conversations"))
                .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);

        OtlpCollector.Export export = COLLECTOR.awaitExportContaining(requestId, Duration.ofSeconds(10));

        assertThat(export.method()).isEqualTo("POST");
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
        assertThat(export.body()).isNotEmpty();
        assertThat(export.contains(SERVICE)).as("service.name in the export's resource").isTrue();
        assertThat(export.contains("GET /api/v1/conversations")).as("the server span, named by its route").isTrue();
    }

    @Test
    void shouldSendTheSpansStillQueuedWhenTheServiceStops() throws Exception {
        try (OtlpCollector collector = OtlpCollector.start()) {
            // A schedule far longer than the test: only stopping can send the span.
            TracingConfig config = new ObjectMapper().convertValue(Map.of("otlpEndpoint", collector.url(),
                    "serviceName", SERVICE, "scheduleDelayMillis", 600_000), TracingConfig.class);
            Tracing tracing = Tracing.create(config, "test");
            String name = "queued-" + UUID.randomUUID();
            Span span = tracing.tracer().spanBuilder(name).startSpan();
            span.end();

            tracing.stop();

            assertThat(collector.awaitExportContaining(name, Duration.ofSeconds(1)).path()).isEqualTo("/v1/traces");
        }
    }
}
