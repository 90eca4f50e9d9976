package com.genaiauto.llm;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.llm.cache.ResponseCache;
import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.ledger.CostLedger;
import com.genaiauto.llm.provider.AnthropicProvider;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.provider.LlmProvider;
import com.genaiauto.llm.provider.OpenAiCompatibleProvider;
import com.genaiauto.llm.router.CandidateSelector;
import com.genaiauto.llm.router.LlmMetrics;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.ratelimit.RateLimiter;
import com.genaiauto.platform.redis.RedisConnector;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The router and everything it stands on, built from the {@code llm} configuration: provider
 * slots in priority order (plus the extractive responder), budget, ledger, cache and metrics.
 * The module and its tests assemble it the same way. The ledger still has to be started.
 */
public final class LlmAssembly {

    private final Map<String, ProviderSlot> slots = new LinkedHashMap<>();
    private final RateLimiter quotas;
    private final BudgetTracker budget;
    private final CostLedger ledger;
    private final ResponseCache cache;
    private final LlmRouter router;

    public LlmAssembly(LlmConfig config, Jdbi jdbi, RedisConnector redis, MetricRegistry registry, Clock clock,
                       Tracer tracer) {
        this.quotas = new RateLimiter(redis);
        this.budget = new BudgetTracker(jdbi, redis, clock, config.budget().dailyUsd(), config.budget().warnShare());
        LlmMetrics metrics = new LlmMetrics(registry);
        this.ledger = new CostLedger(jdbi, budget::recorded);
        CircuitBreakerConfig breakerConfig = breakerConfig(config.breaker());
        Map<String, ProviderSlot> remote = new LinkedHashMap<>();
        config.providers().stream()
                .filter(LlmConfig.ProviderConfig::isUsable)
                .sorted(Comparator.comparingInt(LlmConfig.ProviderConfig::priority))
                .forEach(provider -> remote.put(provider.name(), slot(provider.type().equals("anthropic")
                                ? new AnthropicProvider(provider) : new OpenAiCompatibleProvider(provider),
                        breakerConfig, new ProviderSlot.Queueing(provider.maxConcurrentCalls(), provider.maxQueuedCalls(),
                                provider.maxQueueWait()), provider.requestsPerMinute(),
                        provider.timeout().toJavaDuration(), provider.retries(), provider.models())));
        // Local and free: no quota to share.
        ProviderSlot extractive = new ProviderSlot(new ExtractiveProvider(), CircuitBreaker.of(ExtractiveProvider.NAME,
                breakerConfig), ProviderSlot.Queueing.noWaiting(1024), () -> true, Duration.ofSeconds(5), 0, true,
                List.of(new LlmConfig.ModelConfig(ExtractiveProvider.MODEL, 0, 0)));
        slots.putAll(remote);
        slots.put(ExtractiveProvider.NAME, extractive);
        this.cache = new ResponseCache(redis, config.cacheEnabled(), config.cacheTtlSeconds(), metrics::cache);
        metrics.declareCache(ResponseCache.OPERATIONS);
        slots.forEach((name, slot) -> metrics.declare(name, slot.models().keySet()));
        this.router = new LlmRouter(new CandidateSelector(remote, extractive, config.aliases()), cache, ledger, budget,
                metrics, config.requestDeadline().toJavaDuration(), clock, tracer);
        metrics.providers(remote::size, () -> (int) remote.values().stream().filter(ProviderSlot::canAnswerNow).count());
        slots.forEach((name, slot) -> metrics.breakerState(name, () -> switch (slot.breaker().getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        }));
    }

    static CircuitBreakerConfig breakerConfig(LlmConfig.Breaker breaker) {
        // Resilience4j's default waits for 100 calls; LLM traffic is far thinner, so a small
        // count-based window lets a failing provider be cut off after a handful of calls.
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.windowSize())
                .minimumNumberOfCalls(Math.min(breaker.minimumCalls(), breaker.windowSize()))
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor().toJavaDuration())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    private ProviderSlot slot(LlmProvider provider, CircuitBreakerConfig breakerConfig, ProviderSlot.Queueing queueing,
                              int rpm, Duration timeout, int retries, List<LlmConfig.ModelConfig> models) {
        // One quota per provider for all replicas (a plan's requests per minute do not multiply
        // with replicas), taken in leased batches so most calls need no Redis round trip.
        RateLimiter.Limit quota = new RateLimiter.Limit("provider-" + provider.name() + "-" + rpm, rpm,
                Duration.ofMinutes(1));
        return new ProviderSlot(provider, CircuitBreaker.of(provider.name(), breakerConfig), queueing,
                () -> quotas.tryConsumeLeased(quota, "all").allowed(), timeout, retries, true, models);
    }

    /** The remote providers' slots by name (the extractive responder is not switched by operators). */
    public Map<String, ProviderSlot> remoteSlots() {
        Map<String, ProviderSlot> remote = new LinkedHashMap<>(slots);
        remote.remove(ExtractiveProvider.NAME);
        return Collections.unmodifiableMap(remote);
    }

    /** Every provider slot by name, the extractive responder last. */
    public Map<String, ProviderSlot> slots() {
        return Collections.unmodifiableMap(slots);
    }

    public BudgetTracker budget() {
        return budget;
    }

    public CostLedger ledger() {
        return ledger;
    }

    public ResponseCache cache() {
        return cache;
    }

    public LlmRouter router() {
        return router;
    }
}
