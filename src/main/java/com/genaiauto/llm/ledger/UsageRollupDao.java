package com.genaiauto.llm.ledger;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Housekeeping of the model-call ledger: calls older than the retention age become daily totals
 * (per day, key, user, provider and model, added to what earlier roll-ups wrote) and then go, in
 * one transaction, so a report never counts a call twice or misses it.
 */
public interface UsageRollupDao {

    @SqlUpdate("""
            INSERT INTO llm_usage_daily AS daily (day, api_key_id, user_id, provider, model, calls, failures,
                                                  prompt_tokens, completion_tokens, cost_usd)
            SELECT (created_at AT TIME ZONE 'UTC')::date, api_key_id, user_id, provider, model, count(*),
                   count(*) FILTER (WHERE status <> 'success'), sum(prompt_tokens), sum(completion_tokens), sum(cost_usd)
            FROM llm_usage
            WHERE created_at < now() - make_interval(days => :days)
            GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT ON CONSTRAINT llm_usage_daily_one_row DO UPDATE SET
                calls = daily.calls + EXCLUDED.calls,
                failures = daily.failures + EXCLUDED.failures,
                prompt_tokens = daily.prompt_tokens + EXCLUDED.prompt_tokens,
                completion_tokens = daily.completion_tokens + EXCLUDED.completion_tokens,
                cost_usd = daily.cost_usd + EXCLUDED.cost_usd""")
    int rollUp(@Bind("days") int days);

    @SqlUpdate("DELETE FROM llm_usage WHERE created_at < now() - make_interval(days => :days)")
    int deleteOlderThan(@Bind("days") int days);

    /** Rolls up, then removes; returns how many calls were removed. */
    @Transaction
    default int rollUpAndRemove(int days) {
        rollUp(days);
        return deleteOlderThan(days);
    }
}
