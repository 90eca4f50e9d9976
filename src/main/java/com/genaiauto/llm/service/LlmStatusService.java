package com.genaiauto.llm.service;

import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.router.ProviderSlot;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    public LlmStatus status() {
        List<ProviderStatus> providers = new ArrayList<>();
        for (ProviderSlot slot : slots.values()) {
            providers.add(ProviderStatus.of(slot, !ExtractiveProvider.NAME.equals(slot.name())));
        }
        LlmStatus.Spend spend = new LlmStatus.Spend(LocalDate.now(ZoneOffset.UTC), round(budget.spentToday()),
                budget.dailyLimit(), budget.isWarning(), budget.isCapped(), spendByModelToday());
        return new LlmStatus(providers, aliases, spend);
    }

    private List<LlmStatus.ModelSpend> spendByModelToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT provider, model, count(*) AS calls, sum(prompt_tokens) AS prompt_tokens,
                               sum(completion_tokens) AS completion_tokens, sum(cost_usd) AS cost_usd,
                               count(*) FILTER (WHERE status <> 'success') AS failures,
                               count(*) FILTER (WHERE cache_hit) AS cache_hits
                        FROM llm_usage WHERE created_at >= :from
                        GROUP BY provider, model ORDER BY cost_usd DESC, provider, model""")
                .bind("from", today.atStartOfDay(ZoneOffset.UTC).toInstant())
                .map((rs, ctx) -> new LlmStatus.ModelSpend(rs.getString("provider"), rs.getString("model"),
                        rs.getLong("calls"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                        round(rs.getDouble("cost_usd")), rs.getLong("failures"), rs.getLong("cache_hits")))
                .list());
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
