package com.genaiauto.llm.ledger;

import com.genaiauto.platform.redis.RedisConnector;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Today's LLM spend (UTC days) against the daily budget. Replicas share the running total in
 * Redis; without Redis each falls back to the ledger's own sum. Reads cost nothing on the request
 * path: the total is refreshed whenever the ledger writes.
 */
public final class BudgetTracker {

    private static final String KEY_PREFIX = "genai:llm:spend:";
    private static final String OFFSET_PREFIX = "genai:llm:spend-offset:";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetTracker.class);

    private final Jdbi jdbi;
    private final RedisConnector redis;
    private final Clock clock;
    private final double dailyUsd;
    private final double warnShare;
    private volatile double todaySpent;
    private volatile double resetOffset;
    private volatile LocalDate day;

    public BudgetTracker(Jdbi jdbi, RedisConnector redis, Clock clock, double dailyUsd, double warnShare) {
        this.jdbi = jdbi;
        this.redis = redis;
        this.clock = clock;
        this.dailyUsd = dailyUsd;
        this.warnShare = warnShare;
        this.day = today();
        this.todaySpent = 0;
    }

    /** Called by the ledger after each batch it stored. */
    public void recorded(List<UsageRecord> batch) {
        double cost = batch.stream().mapToDouble(UsageRecord::costUsd).sum();
        LocalDate now = today();
        if (!now.equals(day)) {
            day = now;
            resetOffset = 0;
            todaySpent = spentFromLedger(now);
            return;
        }
        String key = KEY_PREFIX + now;
        double shared = redis.connection().map(connection -> {
            try {
                if (connection.sync().exists(key) == 0) {
                    connection.sync().setex(key, 172_800,
                            Double.toString(spentFromLedger(now) - sharedOffset(connection, now)));
                    return Double.parseDouble(connection.sync().get(key));
                }
                double value = cost == 0 ? Double.parseDouble(connection.sync().get(key))
                        : connection.sync().incrbyfloat(key, cost);
                return value;
            } catch (RuntimeException e) {
                return -1.0;
            }
        }).orElse(-1.0);
        todaySpent = shared >= 0 ? shared : spentFromLedger(now) - resetOffset;
        announceThresholds(now);
    }

    private volatile LocalDate warnedOn;
    private volatile LocalDate cappedOn;

    /** One log line per day when spend crosses the warning share, and one when it hits the cap. */
    private void announceThresholds(LocalDate now) {
        if (isCapped() && !now.equals(cappedOn)) {
            cappedOn = now;
            LOG.warn("LLM budget reached: {} of {} USD spent today; only cheap and free models until tomorrow (UTC)",
                    String.format(java.util.Locale.ROOT, "%.4f", spentToday()), dailyUsd);
        } else if (isWarning() && !now.equals(warnedOn)) {
            warnedOn = now;
            LOG.warn("LLM budget warning: {} of {} USD spent today",
                    String.format(java.util.Locale.ROOT, "%.4f", spentToday()), dailyUsd);
        }
    }

    public double spentToday() {
        // A new day starts at zero even if nothing has been written since midnight.
        return today().equals(day) ? Math.max(0, todaySpent) : 0;
    }

    public double dailyLimit() {
        return dailyUsd;
    }

    public boolean isWarning() {
        return dailyUsd > 0 && spentToday() >= dailyUsd * warnShare;
    }

    public boolean isCapped() {
        return dailyUsd > 0 && spentToday() >= dailyUsd;
    }

    /** An operator's reset: today's spend so far no longer counts against the cap. */
    public void reset() {
        LocalDate now = today();
        day = now;
        resetOffset = spentFromLedger(now);
        todaySpent = 0;
        redis.connection().ifPresent(connection -> {
            try {
                connection.sync().setex(KEY_PREFIX + now, 172_800, "0");
                // Kept so that a replica re-seeding the total from the ledger honours the reset.
                connection.sync().setex(OFFSET_PREFIX + now, 172_800, Double.toString(resetOffset));
            } catch (RuntimeException ignored) {
                // Other replicas keep their count until Redis is back; this one starts from zero.
            }
        });
    }

    /** Another replica reset the budget: take today's total and offset from Redis. */
    public void reloadAfterReset() {
        LocalDate now = today();
        day = now;
        todaySpent = 0;
        redis.connection().ifPresent(connection -> {
            try {
                String total = connection.sync().get(KEY_PREFIX + now);
                todaySpent = total == null ? 0 : Double.parseDouble(total);
                resetOffset = sharedOffset(connection, now);
            } catch (RuntimeException ignored) {
                // The next write re-reads the shared total.
            }
        });
    }

    private double sharedOffset(io.lettuce.core.api.StatefulRedisConnection<String, String> connection, LocalDate date) {
        String value = connection.sync().get(OFFSET_PREFIX + date);
        return value == null ? 0 : Double.parseDouble(value);
    }

    private double spentFromLedger(LocalDate date) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT coalesce(sum(cost_usd), 0) FROM llm_usage WHERE created_at >= :from AND created_at < :to")
                    .bind("from", date.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .bind("to", date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .mapTo(Double.class).one());
        } catch (RuntimeException e) {
            return todaySpent;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
