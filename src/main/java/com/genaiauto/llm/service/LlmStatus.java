package com.genaiauto.llm.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The router's state as support staff and operators see it ({@code GET /api/v1/llm/status}): each
 * provider with its breaker, each alias's tiers of {@code provider/model} deployments (tried tier by
 * tier), and today's spend against the daily budget.
 */
public record LlmStatus(List<ProviderStatus> providers, Map<String, List<List<String>>> aliases, Spend budget) {

    /** Today's (UTC) spend: in total, against the daily limit, and per model. */
    public record Spend(LocalDate day, double spentUsd, double dailyLimitUsd, boolean warning, boolean capped,
                        List<ModelSpend> byModel) {
    }

    public record ModelSpend(String provider, String model, long calls, long promptTokens, long completionTokens,
                             double costUsd, long failures, long cacheHits) {
    }
}
