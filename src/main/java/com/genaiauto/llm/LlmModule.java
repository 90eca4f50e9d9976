package com.genaiauto.llm;

import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.llm.cache.ResponseCache;
import com.genaiauto.llm.gateway.ApiKeyFilter;
import com.genaiauto.llm.gateway.GatewayResource;
import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.ledger.CostLedger;
import com.genaiauto.llm.provider.AnthropicProvider;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.provider.LlmProvider;
import com.genaiauto.llm.provider.OpenAiCompatibleProvider;
import com.genaiauto.llm.resource.LlmExceptionMapper;
import com.genaiauto.llm.resource.LlmStatusResource;
import com.genaiauto.llm.router.CandidateSelector;
import com.genaiauto.llm.router.LlmMetrics;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.llm.service.LlmStatusService;
import com.genaiauto.llm.task.LlmTasks;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.platform.health.ServiceProbe;
import com.genaiauto.platform.health.ServiceProbes;
import io.dropwizard.core.setup.Environment;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider adapters, the router (fallback, retries, breakers, bulkheads, deadlines), the response
 * cache, the cost ledger and budget, the status endpoint and the OpenAI-compatible gateway.
 * Other modules call {@link #router()}.
 */
public final class LlmModule {

    private final LlmConfig config;
    private final PlatformModule platform;
    private final ApiKeyService apiKeys;
    private final Map<String, ProviderSlot> slots = new LinkedHashMap<>();
    private final Map<String, ProviderSlot> allSlots = new LinkedHashMap<>();
    private final CostLedger ledger;
    private final BudgetTracker budget;
    private final ResponseCache cache;
    private final LlmRouter router;
    private final LlmMetrics metrics;

    public LlmModule(LlmConfig config, PlatformModule platform, ApiKeyService apiKeys, Environment environment) {
        this.config = config;
        this.platform = platform;
        this.apiKeys = apiKeys;
        Clock clock = Clock.systemUTC();
        this.budget = new BudgetTracker(platform.jdbi(), platform.redis(), clock, config.budget().dailyUsd(),
                config.budget().warnShare());
        this.metrics = new LlmMetrics(environment.metrics(), budget::totalSinceStart);
        this.ledger = new CostLedger(platform.jdbi(), budget::recorded);
        CircuitBreakerConfig breakerConfig = breakerConfig(config.breaker());
        List<LlmConfig.ProviderConfig> byPriority = config.providers().stream()
                .sorted(java.util.Comparator.comparingInt(LlmConfig.ProviderConfig::priority)).toList();
        for (LlmConfig.ProviderConfig provider : byPriority) {
            if (!provider.isUsable()) {
                continue;
            }
            LlmProvider adapter = provider.type().equals("anthropic")
                    ? new AnthropicProvider(provider) : new OpenAiCompatibleProvider(provider);
            slots.put(provider.name(), slot(adapter, breakerConfig, provider.maxConcurrentCalls(),
                    provider.requestsPerMinute(), provider.timeout().toJavaDuration(), provider.retries(),
                    provider.models()));
        }
        ProviderSlot extractive = slot(new ExtractiveProvider(), breakerConfig, 1024, 1_000_000, Duration.ofSeconds(5),
                0, List.of(new LlmConfig.ModelConfig(ExtractiveProvider.MODEL, 0, 0)));
        allSlots.putAll(slots);
        allSlots.put(ExtractiveProvider.NAME, extractive);
        this.cache = new ResponseCache(platform.redis(), config.cacheEnabled(), config.cacheTtlSeconds(), metrics::cache);
        this.router = new LlmRouter(new CandidateSelector(slots, extractive, config.profiles()), cache, ledger, budget,
                metrics, config.requestDeadline().toJavaDuration(), clock);
        allSlots.forEach((name, slot) -> metrics.breakerState(name, () -> switch (slot.breaker().getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        }));
    }

    private ProviderSlot slot(LlmProvider provider, CircuitBreakerConfig breakerConfig, int maxConcurrent, int rpm,
                              Duration timeout, int retries, List<LlmConfig.ModelConfig> models) {
        return new ProviderSlot(provider, CircuitBreaker.of(provider.name(), breakerConfig), maxConcurrent, rpm,
                timeout, retries, true, models);
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

    public void register(Environment environment) {
        environment.lifecycle().manage(ledger);
        environment.healthChecks().register("llm-configuration", new LlmConfigurationHealthCheck(config));
        platform.probes().register(new LlmProbe(config));
        var jersey = environment.jersey();
        jersey.register(new LlmExceptionMapper());
        jersey.register(new LlmStatusResource(new LlmStatusService(allSlots, config.profiles(), budget, platform.jdbi())));
        jersey.register(new ApiKeyFilter(apiKeys, platform.rateLimiter(), config.gatewayRequestsPerMinutePerKey()));
        jersey.register(new GatewayResource(router));
        LlmTasks.all(allSlots, budget, cache, platform.audit()).forEach(task -> environment.admin().addTask(task));
    }

    public LlmRouter router() {
        return router;
    }

    public CostLedger ledger() {
        return ledger;
    }

    /** Informational: without a key the service still answers, from the extractive responder. */
    private record LlmProbe(LlmConfig config) implements ServiceProbe {
        @Override
        public String name() {
            return "llm";
        }

        @Override
        public Impact impact() {
            return Impact.INFORMATIONAL;
        }

        @Override
        public ProbeResult probe() {
            return ProbeResult.up(config.hasRemoteProvider() ? "configured" : "extractive-only");
        }
    }
}
