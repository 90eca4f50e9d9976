package com.genaiauto.llm.service;

import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.router.ProviderSlot;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The router's state as operators see it. */
public final class LlmStatusService {

    private final Map<String, ProviderSlot> slots;
    private final Map<String, List<List<String>>> aliases;
    private final BudgetTracker budget;
    private final Jdbi jdbi;

    public LlmStatusService(Map<String, ProviderSlot> slots, Map<String, List<List<String>>> aliases,
                            BudgetTracker budget, Jdbi jdbi) {
        this.slots = slots;
        this.aliases = aliases;
        this.budget = budget;
        this.jdbi = jdbi;
    }

    public Map<String, Object> status() {
        List<ProviderStatus> providers = new ArrayList<>();
        for (ProviderSlot slot : slots.values()) {
            providers.add(ProviderStatus.of(slot, !ExtractiveProvider.NAME.equals(slot.name())));
        }
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put("day", LocalDate.now(ZoneOffset.UTC).toString());
        spend.put("spentUsd", round(budget.spentToday()));
        spend.put("dailyLimitUsd", budget.dailyLimit());
        spend.put("warning", budget.isWarning());
        spend.put("capped", budget.isCapped());
        spend.put("byModel", spendByModelToday());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providers", providers);
        body.put("aliases", aliases);
        body.put("budget", spend);
        return body;
    }

    private List<Map<String, Object>> spendByModelToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT provider, model, count(*) AS calls, sum(prompt_tokens) AS prompt_tokens,
                               sum(completion_tokens) AS completion_tokens, sum(cost_usd) AS cost_usd,
                               count(*) FILTER (WHERE status <> 'success') AS failures,
                               count(*) FILTER (WHERE cache_hit) AS cache_hits
                        FROM llm_usage WHERE created_at >= :from
                        GROUP BY provider, model ORDER BY cost_usd DESC, provider, model""")
                .bind("from", today.atStartOfDay(ZoneOffset.UTC).toInstant())
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("provider", rs.getString("provider"));
                    row.put("model", rs.getString("model"));
                    row.put("calls", rs.getLong("calls"));
                    row.put("promptTokens", rs.getLong("prompt_tokens"));
                    row.put("completionTokens", rs.getLong("completion_tokens"));
                    row.put("costUsd", round(rs.getDouble("cost_usd")));
                    row.put("failures", rs.getLong("failures"));
                    row.put("cacheHits", rs.getLong("cache_hits"));
                    return row;
                }).list());
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
