package com.genaiauto.llm.governance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the cost ledger back: spend and tokens of API-key calls per key, user, model or day. */
public interface UsageDao {

    // Calls still in the ledger, plus the daily totals of calls housekeeping rolled up (a rolled-up
    // day counts whole when its start lies in the period).
    String USAGE = """
            WITH usage AS (
                SELECT api_key_id, user_id, provider, model, created_at, 1::bigint AS calls,
                       prompt_tokens::bigint AS prompt_tokens, completion_tokens::bigint AS completion_tokens,
                       cost_usd::numeric AS cost_usd, CASE WHEN status <> 'success' THEN 1 ELSE 0 END::bigint AS failures
                FROM llm_usage
                WHERE api_key_id IS NOT NULL AND created_at >= :from AND created_at < :to
                UNION ALL
                SELECT api_key_id, user_id, provider, model, (day::timestamp AT TIME ZONE 'UTC') AS created_at, calls,
                       prompt_tokens, completion_tokens, cost_usd, failures
                FROM llm_usage_daily
                WHERE api_key_id IS NOT NULL AND (day::timestamp AT TIME ZONE 'UTC') >= :from
                  AND (day::timestamp AT TIME ZONE 'UTC') < :to)
            """;
    String TOTALS = """
            sum(calls) AS calls, coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
            coalesce(sum(completion_tokens), 0) AS completion_tokens,
            coalesce(sum(cost_usd), 0)::float8 AS cost_usd, sum(failures) AS failures
            FROM usage
            WHERE (CAST(:keyId AS uuid) IS NULL OR api_key_id = :keyId)
              AND (CAST(:userId AS uuid) IS NULL OR user_id = :userId)
            """;

    @SqlQuery(USAGE + "SELECT <grouping> AS \"group\", " + TOTALS
            + "GROUP BY 1 ORDER BY cost_usd DESC, calls DESC, 1 LIMIT 1000")
    @RegisterConstructorMapper(UsageRow.class)
    List<UsageRow> report(@Define("grouping") String groupingExpression, @Bind("from") Instant from,
                          @Bind("to") Instant to, @Bind("keyId") UUID keyId, @Bind("userId") UUID userId);

    /** The same for a grouping: only the enum's fixed SQL reaches the statement. */
    default List<UsageRow> report(UsageGrouping by, Instant from, Instant to, UUID keyId, UUID userId) {
        return report(by.expression(), from, to, keyId, userId);
    }

    @SqlQuery(USAGE + "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, <grouping> AS \"group\", " + TOTALS
            + "GROUP BY 1, 2 ORDER BY 1, cost_usd DESC, calls DESC, 2 LIMIT " + (DailyUsageReport.MAX_ROWS + 1))
    @RegisterConstructorMapper(DailyUsageRow.class)
    List<DailyUsageRow> daily(@Define("grouping") String groupingExpression, @Bind("from") Instant from,
                              @Bind("to") Instant to, @Bind("keyId") UUID keyId, @Bind("userId") UUID userId);

    /** Usage per UTC day and group; only the enum's fixed SQL reaches the statement. */
    default List<DailyUsageRow> daily(UsageGrouping by, Instant from, Instant to, UUID keyId, UUID userId) {
        return daily(by.expression(), from, to, keyId, userId);
    }
}
