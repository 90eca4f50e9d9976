package com.genaiauto.llm.router;

import com.genaiauto.llm.LlmConfig;
import com.genaiauto.llm.provider.LlmProvider;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A provider with everything that guards it: its circuit breaker, its bulkhead (concurrent
 * calls), its request quota (shared by all replicas through Redis) and whether an operator has disabled it.
 */
public final class ProviderSlot {

    private final LlmProvider provider;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final int maxQueued;
    private final java.util.concurrent.atomic.AtomicInteger entering = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.function.BooleanSupplier rate;
    private final AtomicBoolean enabled;
    private final Duration timeout;
    private final int retries;
    private final Map<String, LlmConfig.ModelConfig> models = new LinkedHashMap<>();

    /** {@code rate} takes one call from the provider's request quota (shared by the replicas) or says no. */
    public ProviderSlot(LlmProvider provider, CircuitBreaker breaker, Queueing queueing,
                        java.util.function.BooleanSupplier rate,
                        Duration timeout, int retries, boolean enabled, Iterable<LlmConfig.ModelConfig> models) {
        this.provider = provider;
        this.breaker = breaker;
        this.bulkhead = Bulkhead.of(provider.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(queueing.maxConcurrentCalls())
                .maxWaitDuration(queueing.maxWait())
                .fairCallHandlingStrategyEnabled(true)
                .build());
        this.maxQueued = queueing.maxQueued();
        this.rate = rate;
        this.timeout = timeout;
        this.retries = retries;
        this.enabled = new AtomicBoolean(enabled);
        for (LlmConfig.ModelConfig model : models) {
            this.models.put(model.id(), model);
        }
    }

    public String name() {
        return provider.name();
    }

    public LlmProvider provider() {
        return provider;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** How many calls run at once, and how many more may wait how long for one of them to finish. */
    public record Queueing(int maxConcurrentCalls, int maxQueued, Duration maxWait) {
        public static Queueing noWaiting(int maxConcurrentCalls) {
            return new Queueing(maxConcurrentCalls, 0, Duration.ZERO);
        }
    }

    /**
     * A place among the calls in flight, waiting (first come, first served) up to the configured
     * time when all are taken; false at once when the queue is full too, or when the wait ends.
     * Release it with {@code bulkhead().onComplete()}.
     */
    public boolean acquire() {
        int ahead = entering.getAndIncrement();
        if (ahead >= maxQueued && bulkhead.getMetrics().getAvailableConcurrentCalls() == 0) {
            entering.decrementAndGet();
            return false;
        }
        try {
            return bulkhead.tryAcquirePermission();
        } finally {
            entering.decrementAndGet();
        }
    }

    /** Calls holding a place right now (not those waiting for one). */
    public int inFlight() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    public boolean tryTakeRateToken() {
        return rate.getAsBoolean();
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    public boolean isEnabled() {
        return enabled.get();
    }

    /** Enabled and its breaker lets calls through (closed or probing): a call now may be answered. */
    public boolean canAnswerNow() {
        return isEnabled() && switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> false;
            default -> true;
        };
    }

    public void setEnabled(boolean value) {
        enabled.set(value);
    }

    public Map<String, LlmConfig.ModelConfig> models() {
        return models;
    }

    /** US dollars for the given tokens of a model; zero for models without a price. */
    public double cost(String model, int promptTokens, int completionTokens) {
        LlmConfig.ModelConfig price = models.get(model);
        if (price == null) {
            return 0;
        }
        return promptTokens * price.inputPricePerMillion() / 1_000_000.0
                + completionTokens * price.outputPricePerMillion() / 1_000_000.0;
    }

    public boolean isFree(String model) {
        LlmConfig.ModelConfig price = models.get(model);
        return price == null || (price.inputPricePerMillion() == 0 && price.outputPricePerMillion() == 0);
    }
}
