package com.genaiauto.llm.router;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.platform.metrics.PrometheusNames;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;

/**
 * Dropwizard metrics of the router, named {@code llm.<what>.<label>...} with bounded labels
 * (provider, model from configuration, status) so the Prometheus export can turn the dotted
 * segments into labels (see {@link PrometheusNames}).
 */
public final class LlmMetrics {

    /** The outcomes of {@code llm_requests_total}, as the router records them. */
    public static final List<String> STATUSES = List.of("success", "error", "timeout", "rate_limited", "rejected",
            "circuit_open");
    /** The token types of {@code llm_tokens_total}. */
    public static final List<String> TOKEN_TYPES = List.of("prompt", "completion");

    private static final String LLM_RESPONSE = "llm_response";

    private final MetricRegistry registry;
    /** Spend per provider and model: USD are fractional, which Dropwizard's counters are not. */
    private final Map<String, DoubleAdder> cost = new ConcurrentHashMap<>();

    public LlmMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Remote providers configured, and those that can answer now (enabled, breaker not open): the
     * "every provider down" alert compares the two, so the extractive responder never masks an outage.
     */
    public void providers(IntSupplier configured, IntSupplier available) {
        registry.gauge("llm.providers_configured", () -> (Gauge<Integer>) configured::getAsInt);
        registry.gauge("llm.providers_available", () -> (Gauge<Integer>) available::getAsInt);
    }

    /**
     * Every series of a provider's models at zero: calls by outcome, latency, tokens and spend, so
     * that rules and dashboards see them from the first scrape, before the first call.
     */
    public void declare(String provider, Collection<String> models) {
        for (String model : models) {
            KnownSeries.counters(registry, "llm.requests", List.of(List.of(provider), List.of(model), STATUSES));
            registry.timer(name("llm.latency", provider, model));
            KnownSeries.counters(registry, "llm.tokens", List.of(List.of(provider), List.of(model), TOKEN_TYPES));
            cost(provider, model);
        }
    }

    /** The operations of the response cache ({@code cache_operations_total{cache_type="llm_response"}}) at zero. */
    public void declareCache(Collection<String> operations) {
        KnownSeries.counters(registry, "cache.operations", List.of(List.copyOf(operations), List.of(LLM_RESPONSE)));
    }

    public void request(String provider, String model, String status, long latencyNanos, int promptTokens,
                        int completionTokens, double costUsd) {
        if (costUsd > 0) {
            cost(provider, model).add(costUsd);
        }
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
        registry.counter(name("cache.operations", operation, LLM_RESPONSE)).inc();
    }

    private DoubleAdder cost(String provider, String model) {
        return cost.computeIfAbsent(name("llm.cost", provider, model), metric -> {
            DoubleAdder total = new DoubleAdder();
            registry.gauge(metric, () -> (Gauge<Double>) total::sum);
            return total;
        });
    }

    public Counter fallbacks() {
        return registry.counter("llm.fallbacks");
    }

    static String name(String base, String... labels) {
        return PrometheusNames.dropwizardName(base, labels);
    }
}
