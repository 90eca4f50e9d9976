package com.genaiauto.llm.governance;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The limits of API keys and of their owning users. */
@RegisterRowMapper(LimitsDao.LimitsMapper.class)
public interface LimitsDao {

    String COLUMNS = "daily_budget_usd, monthly_budget_usd, over_budget, requests_per_minute, tokens_per_minute, "
            + "allowed_models";
    String VALUES = ":dailyBudgetUsd, :monthlyBudgetUsd, :overBudgetName, :requestsPerMinute, :tokensPerMinute, "
            + ":allowedModelsArray";
    String UPDATE = "daily_budget_usd = EXCLUDED.daily_budget_usd, monthly_budget_usd = EXCLUDED.monthly_budget_usd, "
            + "over_budget = EXCLUDED.over_budget, requests_per_minute = EXCLUDED.requests_per_minute, "
            + "tokens_per_minute = EXCLUDED.tokens_per_minute, allowed_models = EXCLUDED.allowed_models, updated_at = now()";

    @SqlQuery("SELECT " + COLUMNS + " FROM llm_key_limits WHERE api_key_id = :id")
    Optional<SpendLimits> forKey(@Bind("id") UUID keyId);

    @SqlUpdate("INSERT INTO llm_key_limits (api_key_id, " + COLUMNS + ") VALUES (:id, " + VALUES + ") "
            + "ON CONFLICT (api_key_id) DO UPDATE SET " + UPDATE)
    void putForKey(@Bind("id") UUID keyId, @BindMethods SpendLimits limits);

    @SqlUpdate("DELETE FROM llm_key_limits WHERE api_key_id = :id")
    int deleteForKey(@Bind("id") UUID keyId);

    @SqlQuery("SELECT " + COLUMNS + " FROM llm_user_limits WHERE user_id = :id")
    Optional<SpendLimits> forUser(@Bind("id") UUID userId);

    @SqlUpdate("INSERT INTO llm_user_limits (user_id, " + COLUMNS + ") VALUES (:id, " + VALUES + ") "
            + "ON CONFLICT (user_id) DO UPDATE SET " + UPDATE)
    void putForUser(@Bind("id") UUID userId, @BindMethods SpendLimits limits);

    @SqlUpdate("DELETE FROM llm_user_limits WHERE user_id = :id")
    int deleteForUser(@Bind("id") UUID userId);

    /** Spend recorded in the ledger since {@code from}: seeds the shared counters of a period. */
    @SqlQuery("SELECT coalesce(sum(cost_usd), 0)::float8 FROM llm_usage WHERE api_key_id = :id AND created_at >= :from")
    double keySpendSince(@Bind("id") UUID keyId, @Bind("from") java.time.Instant from);

    @SqlQuery("SELECT coalesce(sum(cost_usd), 0)::float8 FROM llm_usage WHERE user_id = :id AND api_key_id IS NOT NULL AND created_at >= :from")
    double userSpendSince(@Bind("id") UUID userId, @Bind("from") java.time.Instant from);

    final class LimitsMapper implements RowMapper<SpendLimits> {
        @Override
        public SpendLimits map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array models = rs.getArray("allowed_models");
            List<String> allowed = models == null ? List.of() : Arrays.asList((String[]) models.getArray());
            return new SpendLimits(decimal(rs, "daily_budget_usd"), decimal(rs, "monthly_budget_usd"),
                    OverBudget.fromDatabase(rs.getString("over_budget")), integer(rs, "requests_per_minute"),
                    integer(rs, "tokens_per_minute"), allowed);
        }

        private static Double decimal(ResultSet rs, String column) throws SQLException {
            java.math.BigDecimal value = rs.getBigDecimal(column);
            return value == null ? null : value.doubleValue();
        }

        private static Integer integer(ResultSet rs, String column) throws SQLException {
            int value = rs.getInt(column);
            return rs.wasNull() ? null : value;
        }
    }
}
