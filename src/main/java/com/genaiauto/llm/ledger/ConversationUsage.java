package com.genaiauto.llm.ledger;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the model calls made for conversations cost, read from the ledger: the one place that
 * knows, so conversations never keep a copy of their own.
 */
public final class ConversationUsage {

    private final Jdbi jdbi;

    public ConversationUsage(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Tokens and cost per conversation; conversations without a model call are absent. */
    public Map<UUID, Totals> forConversations(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Totals> totals = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT conversation_id, sum(prompt_tokens + completion_tokens) AS tokens, sum(cost_usd) AS cost
                        FROM llm_usage WHERE conversation_id = ANY(:ids) GROUP BY conversation_id""")
                .bindArray("ids", UUID.class, conversationIds)
                .map((rs, ctx) -> Map.entry(rs.getObject("conversation_id", UUID.class),
                        new Totals(rs.getLong("tokens"), rs.getBigDecimal("cost"))))
                .forEach(entry -> totals.put(entry.getKey(), entry.getValue())));
        return totals;
    }

    /** Tokens (prompt and completion) and cost in USD. */
    public record Totals(long tokens, BigDecimal costUsd) {
        public static final Totals NONE = new Totals(0, BigDecimal.ZERO);
    }
}
