package com.genaiauto.llm.router;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.genaiauto.platform.metrics.PrometheusNames;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Dropwizard metrics of the router, named {@code llm.<what>.<label>...} with bounded labels
 * (provider, model from configuration, status) so the Prometheus export can turn the dotted
 * segments into labels (see {@link PrometheusNames}).
 */
public final class LlmMetrics {

    private final MetricRegistry registry;

    public LlmMetrics(MetricRegistry registry, DoubleSupplier totalCost) {
        this.registry = registry;
        registry.gauge("llm.cost_dollars_total", () -> (Gauge<Double>) totalCost::getAsDouble);
    }

    public void request(String provider, String model, String status, long latencyNanos, int promptTokens,
                        int completionTokens) {
        registry.counter(name("llm.requests", provider, model, status)).inc();
        Timer latency = registry.timer(name("llm.latency", provider, model));
        latency.update(latencyNanos, TimeUnit.NANOSECONDS);
        if (promptTokens > 0) {
            registry.counter(name("llm.tokens", provider, model, "prompt")).inc(promptTokens);
        }
        if (completionTokens > 0) {
            registry.counter(name("llm.tokens", provider, model, "completion")).inc(completionTokens);
        }
    }

    public void breakerState(String provider, Gauge<Integer> state) {
        registry.gauge(name("llm.circuit_state", provider), () -> state);
    }

    public void cache(String operation) {
        registry.counter(name("cache.operations", operation, "llm_response")).inc();
    }

    public Counter fallbacks() {
        return registry.counter("llm.fallbacks");
    }

    static String name(String base, String... labels) {
        return PrometheusNames.dropwizardName(base, labels);
    }
}
