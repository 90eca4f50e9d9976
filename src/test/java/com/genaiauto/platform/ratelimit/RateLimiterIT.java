package com.genaiauto.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.testing.PrivateRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Leased rate limits against a real Redis shared by two replicas")
class RateLimiterIT {

    private static PrivateRedis redis;
    private static RedisConnector first;
    private static RedisConnector second;

    @BeforeAll
    static void startRedis() {
        redis = PrivateRedis.started();
        first = new RedisConnector(new RedisConfig().withUrl(redis.url()));
        second = new RedisConnector(new RedisConfig().withUrl(redis.url()));
        // Connected before the first limit: while a connector is still connecting, limits fall
        // back to each process's own buckets, which is not what these tests are about.
        assertThat(first.isAvailable()).isTrue();
        assertThat(first.binaryConnection()).isPresent();
        assertThat(second.binaryConnection()).isPresent();
    }

    @AfterAll
    static void stopRedis() {
        first.stop();
        second.stop();
        redis.stop();
    }

    @Test
    void shouldNeverAdmitMoreThanTheSharedLimitAcrossReplicasUnderConcurrency() throws Exception {
        // A limit that does not refill within the test, so the count is exact.
        RateLimiter.Limit limit = new RateLimiter.Limit("it-shared", 500, Duration.ofDays(1));
        List<RateLimiter> replicas = List.of(new RateLimiter(first), new RateLimiter(second));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                RateLimiter replica = replicas.get(thread % 2);
                Callable<Integer> client = () -> {
                    int allowed = 0;
                    for (int i = 0; i < 200; i++) {
                        if (replica.tryConsumeLeased(limit, "busy-key").allowed()) {
                            allowed++;
                        }
                    }
                    return allowed;
                };
                admitted.add(pool.submit(client));
            }
            int total = 0;
            for (Future<Integer> count : admitted) {
                total += count.get();
            }
            // 1,600 attempts against 500 tokens: never more than 500. Tokens a lease still holds
            // when it ends are lost (at most a batch, 5 % of the capacity, per replica and lease).
            assertThat(total).isLessThanOrEqualTo(500).isGreaterThanOrEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldServeMostRequestsOfABusyKeyWithoutARoundTripToRedis() {
        RateLimiter.Limit limit = new RateLimiter.Limit("it-busy", 100_000, Duration.ofMinutes(1));
        RateLimiter limiter = new RateLimiter(first);
        var commands = first.connection().orElseThrow().sync();
        commands.configResetstat();
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryConsumeLeased(limit, "key").allowed()).isTrue();
        }
        long calls = totalCalls(commands.info("commandstats"));
        assertThat(calls).as("Redis commands for 1,000 admitted requests").isLessThan(100);

        commands.configResetstat();
        for (int i = 0; i < 100; i++) {
            limiter.tryConsume(limit, "exact-key");
        }
        assertThat(totalCalls(commands.info("commandstats"))).as("the per-request path, for contrast")
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void shouldTellWhenToRetryOnceTheSharedBucketIsEmpty() {
        RateLimiter.Limit limit = new RateLimiter.Limit("it-refused", 3, Duration.ofMinutes(1));
        RateLimiter limiter = new RateLimiter(first);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsumeLeased(limit, "key").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryConsumeLeased(limit, "key");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.distributed()).isTrue();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        // Another replica sees the same empty bucket.
        assertThat(new RateLimiter(second).tryConsumeLeased(limit, "key").allowed()).isFalse();
    }

    private static long totalCalls(String commandStats) {
        long calls = 0;
        for (String line : commandStats.split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_config") && !line.startsWith("cmdstat_info")
                    && at >= 0) {
                calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
            }
        }
        return calls;
    }
}
