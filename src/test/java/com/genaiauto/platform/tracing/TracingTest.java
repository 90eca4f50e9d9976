package com.genaiauto.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The service's OpenTelemetry")
class TracingTest {

    private static Tracing tracing(Map<String, Object> settings, InMemorySpanExporter exporter) throws Exception {
        AutoCloseable registration = Tracing.forTesting(exporter);
        try {
            return Tracing.create(new ObjectMapper().convertValue(settings, TracingConfig.class), "1.2.3");
        } finally {
            registration.close();
        }
    }

    @Test
    void shouldNameTheServiceAndItsReleaseOnEverySpan() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        Tracing tracing = tracing(Map.of("serviceName", "genai-auto-eu"), exporter);

        tracing.tracer().spanBuilder("work").startSpan().end();

        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("genai-auto-eu");
            assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.version"))).isEqualTo("1.2.3");
        });
        tracing.stop();
    }

    @Test
    void shouldKeepNoNewTraceAtRatioZeroButFollowACallerThatSampledIt() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        Tracing tracing = tracing(Map.of("sampleRatio", 0.0), exporter);

        tracing.tracer().spanBuilder("new trace").startSpan().end();
        SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        tracing.tracer().spanBuilder("caller's trace").setParent(Context.root().with(Span.wrap(caller)))
                .startSpan().end();

        assertThat(exporter.getFinishedSpanItems()).extracting(span -> span.getName()).containsExactly("caller's trace");
        tracing.stop();
    }

    @Test
    void shouldStopAddingTheTestExporterOnceItsHandleIsClosed() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        tracing(Map.of(), exporter);

        Tracing later = Tracing.create(new ObjectMapper().convertValue(Map.of(), TracingConfig.class), "1.2.3");

        assertThat(later.enabled()).isFalse();
    }
}
