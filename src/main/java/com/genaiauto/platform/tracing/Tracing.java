package com.genaiauto.platform.tracing;

import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The service's OpenTelemetry: an SDK whose spans are batched to an OTLP/HTTP collector when one is
 * configured. With nothing to send spans to, the tracer is OpenTelemetry's no-op one, so tracing
 * that is switched off costs nothing. Stopping flushes the spans still queued. The SDK is not
 * registered as the global OpenTelemetry: modules get the {@link Tracer} from the platform.
 */
public final class Tracing implements Managed {

    static final String INSTRUMENTATION = "com.genaiauto";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

    /**
     * Exporters that tests add to every Tracing built while they are registered: an application
     * under test is started from its configuration file, with no way to hand it an object.
     */
    private static final List<SpanExporter> TEST_EXPORTERS = new CopyOnWriteArrayList<>();

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk sdk;

    private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    public static Tracing create(TracingConfig config, String version) {
        List<SpanProcessor> processors = new ArrayList<>();
        if (config.exports()) {
            // No self-metrics: they would be read from the global OpenTelemetry, which stays unset.
            processors.add(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(config.tracesUrl())
                            .setMeterProvider(MeterProvider.noop())
                            .build())
                    .setScheduleDelay(config.scheduleDelay())
                    .setMeterProvider(MeterProvider.noop())
                    .build());
        }
        // Synchronous, so a test sees a request's spans as soon as the request has ended.
        TEST_EXPORTERS.forEach(exporter -> processors.add(SimpleSpanProcessor.create(exporter)));
        if (processors.isEmpty()) {
            return new Tracing(OpenTelemetry.noop(), null);
        }
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        SERVICE_NAME, config.serviceName(), SERVICE_VERSION, version))))
                // A request traced upstream (nginx, a caller) keeps that decision; new traces are sampled here.
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())));
        processors.forEach(provider::addSpanProcessor);
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Tracing(sdk, sdk);
    }

    /**
     * Adds {@code exporter} to every Tracing created until the returned handle is closed; for tests
     * that start the whole application and read its spans back.
     */
    public static AutoCloseable forTesting(SpanExporter exporter) {
        TEST_EXPORTERS.add(exporter);
        return () -> TEST_EXPORTERS.remove(exporter);
    }

    /** False when spans go nowhere: no instrumentation needs to be installed. */
    public boolean enabled() {
        return sdk != null;
    }

    public Tracer tracer() {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** For reading a caller's trace context (traceparent) from request headers. */
    public ContextPropagators propagators() {
        return openTelemetry.getPropagators();
    }

    @Override
    public void stop() {
        if (sdk != null) {
            // Flushes the batch still queued, so the last requests before a restart are not lost.
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
