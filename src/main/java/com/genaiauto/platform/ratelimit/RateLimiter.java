package com.genaiauto.platform.ratelimit;

import com.genaiauto.platform.redis.RedisConnector;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token-bucket rate limits shared by all replicas through Redis (Bucket4j), falling back to
 * per-process buckets while Redis is unreachable, so limits keep applying during an outage.
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LOCAL_BUCKETS = 100_000;
    private static final String KEY_PREFIX = "genai:rl:";

    private final RedisConnector redis;
    // Bounded and least-recently-used first out, so a flood of new keys cannot wipe every limit.
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .maximumSize(MAX_LOCAL_BUCKETS).expireAfterAccess(Duration.ofHours(2)).build();
    private final Cache<String, TokenLease> leases = Caffeine.newBuilder()
            .maximumSize(MAX_LOCAL_BUCKETS).expireAfterAccess(Duration.ofMinutes(10)).build();
    private volatile StatefulRedisConnection<String, byte[]> proxiedConnection;
    private volatile LettuceBasedProxyManager<String> proxyManager;
    private volatile Instant lastFallbackWarning = Instant.EPOCH;

    public RateLimiter(RedisConnector redis) {
        this.redis = redis;
    }

    /** Takes one token for {@code key} under {@code limit}. */
    public Decision tryConsume(Limit limit, String key) {
        String bucketKey = KEY_PREFIX + limit.name() + ":" + key;
        LettuceBasedProxyManager<String> distributed = proxyManager();
        if (distributed != null) {
            try {
                ConsumptionProbe probe = shared(distributed, bucketKey, limit).tryConsumeAndReturnRemaining(1);
                return Decision.of(probe, true);
            } catch (RuntimeException e) {
                warnFallback(e);
            }
        }
        return Decision.of(localBucket(bucketKey, limit).tryConsumeAndReturnRemaining(1), false);
    }

    /**
     * Takes one token like {@link #tryConsume}, for busy callers such as the model gateway: tokens
     * come from the shared bucket in batches sized to this replica's recent use (see
     * {@link TokenLease}), so most requests of a busy key need no Redis round trip. The shared limit
     * still holds across replicas. A batch is at most 5 % of the limit's capacity.
     */
    public Decision tryConsumeLeased(Limit limit, String key) {
        return tryConsumeLeased(limit, key, 1);
    }

    /** Takes {@code tokens} at once, leased as {@link #tryConsumeLeased(Limit, String)} does. */
    public Decision tryConsumeLeased(Limit limit, String key, long tokens) {
        String bucketKey = KEY_PREFIX + limit.name() + ":" + key;
        LettuceBasedProxyManager<String> distributed = proxyManager();
        if (distributed != null) {
            try {
                TokenLease lease = leases.get(bucketKey, ignored -> new TokenLease(limit.capacity() / 20));
                // The shared bucket's proxy is built only when the lease must ask it, not per request.
                if (lease.take(System.nanoTime(), tokens, wanted -> shared(distributed, bucketKey, limit)
                        .tryConsumeAsMuchAsPossible(wanted))) {
                    return new Decision(true, Duration.ZERO, true);
                }
                return new Decision(false, Duration.ofNanos(Math.max(1, shared(distributed, bucketKey, limit)
                        .estimateAbilityToConsume(Math.min(tokens, limit.capacity())).getNanosToWaitForRefill())), true);
            } catch (RuntimeException e) {
                warnFallback(e);
            }
        }
        return Decision.of(localBucket(bucketKey, limit).tryConsumeAndReturnRemaining(tokens), false);
    }

    /** Forgets a key's consumption, e.g. after a successful login clears the failed attempts. */
    public void reset(Limit limit, String key) {
        String bucketKey = KEY_PREFIX + limit.name() + ":" + key;
        localBuckets.invalidate(bucketKey);
        leases.invalidate(bucketKey);
        LettuceBasedProxyManager<String> distributed = proxyManager();
        if (distributed != null) {
            try {
                distributed.removeProxy(bucketKey);
            } catch (RuntimeException e) {
                warnFallback(e);
            }
        }
    }

    private static Bucket shared(LettuceBasedProxyManager<String> distributed, String bucketKey, Limit limit) {
        return distributed.builder().build(bucketKey, () -> configuration(limit));
    }

    private LettuceBasedProxyManager<String> proxyManager() {
        var connection = redis.binaryConnection().orElse(null);
        if (connection == null) {
            return null;
        }
        if (connection != proxiedConnection) {
            synchronized (this) {
                if (connection != proxiedConnection) {
                    proxyManager = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                    proxiedConnection = connection;
                }
            }
        }
        return proxyManager;
    }

    private Bucket localBucket(String key, Limit limit) {
        return localBuckets.get(key, ignored -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    private void warnFallback(RuntimeException e) {
        Instant now = Instant.now();
        if (now.isAfter(lastFallbackWarning.plusSeconds(60))) {
            lastFallbackWarning = now;
            LOG.warn("Rate limits fall back to this process while Redis is unavailable: {}", e.toString());
        }
    }

    /** {@code capacity} requests per {@code period}, refilled continuously. */
    public record Limit(String name, long capacity, Duration period) {
        public Limit {
            if (capacity < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a limit needs a positive capacity and period");
            }
        }
    }

    /** Whether the request may go ahead, and if not, when to try again. */
    public record Decision(boolean allowed, Duration retryAfter, boolean distributed) {
        static Decision of(ConsumptionProbe probe, boolean distributed) {
            return new Decision(probe.isConsumed(),
                    probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()), distributed);
        }
    }
}
