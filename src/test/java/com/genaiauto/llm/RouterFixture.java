package com.genaiauto.llm;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.genaiauto.llm.cache.ResponseCache;
import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.ledger.CostLedger;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.llm.router.ProviderSlot;
import com.genaiauto.platform.db.DatabaseModule;
import com.genaiauto.platform.db.Migrations;
import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.testing.TestDatabase;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The router assembled by the module's own {@link LlmAssembly}, from an {@code llm:} YAML section, over a real
 * database (cost ledger), a real Redis (cache, budget) and WireMock providers.
 */
public final class RouterFixture implements AutoCloseable {

    public final LlmConfig config;
    public final LlmRouter router;
    public final CostLedger ledger;
    public final ResponseCache cache;
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
        this.jdbi = DatabaseModule.configure(Jdbi.create(source));
        this.redis = new RedisConnector(new RedisConfig().withUrl(redisUrl));
        LlmAssembly assembly = new LlmAssembly(config, jdbi, redis, metrics, Clock.systemUTC(),
                OpenTelemetry.noop().getTracer("router-fixture"));
        this.budget = assembly.budget();
        this.ledger = assembly.ledger();
        ledger.start();
        this.cache = assembly.cache();
        cache.start();
        this.slots.putAll(assembly.slots());
        this.router = assembly.router();
    }

    /** Ledger rows so far, oldest first: provider, model, status, tokens, cost, cache hit. */
    public List<Map<String, Object>> ledgerRows() throws InterruptedException {
        ledger.flush();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT provider, model, status, prompt_tokens, completion_tokens, tokens_estimated, cost_usd::float8 AS cost,
                       cache_hit, error_type FROM llm_usage ORDER BY created_at, id""").mapToMap().list());
    }

    /** The Redis this router caches in, to look at what it stored. */
    public io.lettuce.core.api.sync.RedisCommands<String, String> redisCommands() {
        return redis.connection().orElseThrow().sync();
    }

    public void clearLedger() throws InterruptedException {
        ledger.flush();
        jdbi.useHandle(h -> h.execute("DELETE FROM llm_usage"));
    }

    @Override
    public void close() throws Exception {
        cache.stop();
        ledger.stop();
        redis.stop();
    }
}
