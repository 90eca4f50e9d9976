package com.genaiauto.llm.governance;

import com.genaiauto.platform.redis.RedisConnector;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend of one budget period (a key's or a user's day or month), shared by all replicas in a
 * Redis hash: {@code committed} is what calls really cost, {@code held} what replicas have taken
 * ahead of calls and not settled yet, in nano-USD. Taking and settling are single Lua scripts, so
 * replicas never see a half-done update. While Redis is unreachable each replica counts alone,
 * from the ledger's sum, which can let a budget be overspent by the other replicas' share.
 */
final class SpendCounter {

    /** What {@link #take} answers besides a grant. */
    static final long SPENT = -1;
    static final long BUSY = -2;

    private static final Logger LOG = LoggerFactory.getLogger(SpendCounter.class);

    // Grants what is asked when the remaining budget covers the call's estimate. Below that, one
    // last call may take the remainder, but only while no other call holds any of the budget:
    // so at most one call ends past the limit.
    private static final String TAKE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], 'committed', ARGV[4], 'held', 0)
              redis.call('EXPIRE', KEYS[1], ARGV[5])
            end
            local committed = tonumber(redis.call('HGET', KEYS[1], 'committed'))
            local held = tonumber(redis.call('HGET', KEYS[1], 'held'))
            local limit = tonumber(ARGV[1])
            local available = limit - committed - held
            if committed >= limit then return -1 end
            if available >= tonumber(ARGV[3]) then
              local grant = math.min(tonumber(ARGV[2]), available)
              redis.call('HINCRBY', KEYS[1], 'held', grant)
              return grant
            end
            if held <= 0 then
              if available <= 0 then return -1 end
              redis.call('HINCRBY', KEYS[1], 'held', available)
              return available
            end
            return -2
            """;
    private static final String SETTLE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local held = redis.call('HINCRBY', KEYS[1], 'held', -tonumber(ARGV[1]))
            if held < 0 then redis.call('HSET', KEYS[1], 'held', 0) end
            redis.call('HINCRBY', KEYS[1], 'committed', ARGV[2])
            return 1
            """;

    private final RedisConnector redis;
    // Bounded, and a period's counter goes once the period is long over: keys x periods would grow forever.
    private final com.github.benmanes.caffeine.cache.Cache<String, long[]> local =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterAccess(Duration.ofDays(32)).build();
    private volatile Instant lastWarning = Instant.EPOCH;

    SpendCounter(RedisConnector redis) {
        this.redis = redis;
    }

    /**
     * Up to {@code wanted} nano-USD of the period {@code key} for calls estimated at {@code minimum},
     * or {@link #SPENT} / {@link #BUSY}. {@code seed} gives the ledger's spend, asked only when the
     * period has no shared counter yet; {@code lifetime} is how long that counter must outlive.
     */
    long take(String key, long limit, long wanted, long minimum, LongSupplier seed, Duration lifetime) {
        var connection = redis.connection().orElse(null);
        if (connection != null) {
            try {
                String seeded = connection.sync().exists(key) == 0 ? Long.toString(seed.getAsLong()) : "0";
                Long granted = connection.sync().eval(TAKE, ScriptOutputType.INTEGER, new String[] {key},
                        Long.toString(limit), Long.toString(wanted), Long.toString(minimum), seeded,
                        Long.toString(Math.max(60, lifetime.toSeconds())));
                return granted == null ? BUSY : granted;
            } catch (RuntimeException e) {
                warn(e);
            }
        }
        return takeLocally(key, limit, wanted, minimum, seed);
    }

    /** Gives back {@code release} held nano-USD and adds {@code actual} to the committed spend. */
    void settle(String key, long release, long actual) {
        var connection = redis.connection().orElse(null);
        if (connection != null) {
            try {
                connection.sync().eval(SETTLE, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(release),
                        Long.toString(actual));
                return;
            } catch (RuntimeException e) {
                warn(e);
            }
        }
        long[] counter = local.getIfPresent(key);
        if (counter != null) {
            synchronized (counter) {
                counter[1] = Math.max(0, counter[1] - release);
                counter[0] += actual;
            }
        }
    }

    /** The same rules in this process alone: {committed, held}. */
    private long takeLocally(String key, long limit, long wanted, long minimum, LongSupplier seed) {
        long[] counter = local.get(key, ignored -> new long[] {seed.getAsLong(), 0});
        synchronized (counter) {
            long available = limit - counter[0] - counter[1];
            if (counter[0] >= limit) {
                return SPENT;
            }
            if (available >= minimum) {
                long grant = Math.min(wanted, available);
                counter[1] += grant;
                return grant;
            }
            if (counter[1] <= 0) {
                if (available <= 0) {
                    return SPENT;
                }
                counter[1] += available;
                return available;
            }
            return BUSY;
        }
    }

    private void warn(RuntimeException e) {
        Instant now = Instant.now();
        if (now.isAfter(lastWarning.plusSeconds(60))) {
            lastWarning = now;
            LOG.warn("Key budgets are counted per replica while Redis is unavailable: {}", e.toString());
        }
    }
}
