package com.genaiauto.llm;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import com.genaiauto.platform.db.Migrations;
import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.testing.TestDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The router assembled as the module assembles it, from an {@code llm:} YAML section, over a real
 * database (cost ledger), a real Redis (cache, budget) and WireMock providers.
 */
public final class RouterFixture implements AutoCloseable {

    public final LlmConfig config;
    public final LlmRouter router;
    public final CostLedger ledger;
    public final BudgetTracker budget;
    public final Map<String, ProviderSlot> slots = new LinkedHashMap<>();
    public final MetricRegistry metrics = new MetricRegistry();
    public final Jdbi jdbi;
    private final RedisConnector redis;

    public RouterFixture(String yaml, TestDatabase database, String redisUrl) throws Exception {
        this.config = new ObjectMapper(new YAMLFactory()).readValue(yaml, LlmConfig.class);
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(TestDatabase.USER);
        source.setPassword(TestDatabase.PASSWORD);
        new Migrations(source, Map.of("embedding_dimension", "384")).migrate();
        this.jdbi = Jdbi.create(source).installPlugin(new PostgresPlugin());
        this.redis = new RedisConnector(new RedisConfig().withUrl(redisUrl));
        Clock clock = Clock.systemUTC();
        this.budget = new BudgetTracker(jdbi, redis, clock, config.budget().dailyUsd(), config.budget().warnShare());
        LlmMetrics llmMetrics = new LlmMetrics(metrics, budget::totalSinceStart);
        this.ledger = new CostLedger(jdbi, budget::recorded);
        ledger.start();
        var breakerConfig = LlmModule.breakerConfig(config.breaker());
        for (LlmConfig.ProviderConfig provider : config.providers()) {
            LlmProvider adapter = provider.type().equals("anthropic")
                    ? new AnthropicProvider(provider) : new OpenAiCompatibleProvider(provider);
            slots.put(provider.name(), new ProviderSlot(adapter, CircuitBreaker.of(provider.name(), breakerConfig),
                    provider.maxConcurrentCalls(), provider.requestsPerMinute(), provider.timeout().toJavaDuration(),
                    provider.retries(), true, provider.models()));
        }
        ProviderSlot extractive = new ProviderSlot(new ExtractiveProvider(),
                CircuitBreaker.of("extractive", breakerConfig), 1024, 1_000_000, Duration.ofSeconds(5), 0, true,
                List.of(new LlmConfig.ModelConfig(ExtractiveProvider.MODEL, 0, 0)));
        ResponseCache cache = new ResponseCache(redis, config.cacheEnabled(), config.cacheTtlSeconds(), llmMetrics::cache);
        this.router = new LlmRouter(new CandidateSelector(slots, extractive, config.profiles()), cache, ledger, budget,
                llmMetrics, config.requestDeadline().toJavaDuration(), clock);
    }

    /** Ledger rows so far, oldest first: provider, model, status, tokens, cost, cache hit. */
    public List<Map<String, Object>> ledgerRows() throws InterruptedException {
        ledger.flush();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT provider, model, status, prompt_tokens, completion_tokens, tokens_estimated, cost_usd::float8 AS cost,
                       cache_hit, error_type FROM llm_usage ORDER BY created_at, id""").mapToMap().list());
    }

    public void clearLedger() throws InterruptedException {
        ledger.flush();
        jdbi.useHandle(h -> h.execute("DELETE FROM llm_usage"));
    }

    @Override
    public void close() throws Exception {
        ledger.stop();
        redis.stop();
    }
}
