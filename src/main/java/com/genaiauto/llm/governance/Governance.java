package com.genaiauto.llm.governance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.genaiauto.platform.ratelimit.RateLimiter;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-key (and per owning user) limits of gateway calls: allowed models, requests and tokens per
 * minute, budgets per UTC day and month. Every check is served from local leases on shared
 * counters (Redis), so the limits hold across replicas without a Redis round trip per request,
 * and a budget is never overspent by more than one call: a call reserves its estimated cost
 * before it is made (at most its {@code max_tokens} of output), and only when the remainder is
 * below one estimate may a single last call, with no other in flight, take it.
 */
public final class Governance implements Managed {

    static final double NANOS_PER_USD = 1e9;
    private static final Duration BUSY_WAIT = Duration.ofMillis(1_500);

    /** What a call may cost, per million tokens, at most across the deployments its model may reach. */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public static final Price FREE = new Price(0, 0);

        long estimateNanos(long promptTokens, long completionTokens) {
            return (long) Math.ceil((promptTokens * inputPerMillion + completionTokens * outputPerMillion) * 1_000);
        }
    }

    private final LimitsDao dao;
    private final RateLimiter limiter;
    private final SpendCounter counter;
    private final Clock clock;
    private final int defaultRequestsPerMinute;
    private final Cache<UUID, SpendLimits> keyLimits = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(5)).build();
    private final Cache<UUID, SpendLimits> userLimits = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(5)).build();
    private final Cache<String, BudgetLease> leases = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private ScheduledExecutorService sweeper;
    private final com.codahale.metrics.MetricRegistry metrics;
    private final java.util.Map<String, java.util.concurrent.atomic.DoubleAdder> spend =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Governance(LimitsDao dao, RateLimiter limiter, com.genaiauto.platform.redis.RedisConnector redis,
                      Clock clock, int defaultRequestsPerMinute, com.codahale.metrics.MetricRegistry metrics) {
        this.metrics = metrics;
        this.dao = dao;
        this.limiter = limiter;
        this.counter = new SpendCounter(redis);
        this.clock = clock;
        this.defaultRequestsPerMinute = defaultRequestsPerMinute;
    }

    public SpendLimits limitsOfKey(UUID keyId) {
        return keyLimits.get(keyId, id -> dao.forKey(id).orElse(SpendLimits.NONE));
    }

    public SpendLimits limitsOfUser(UUID userId) {
        return userId == null ? SpendLimits.NONE : userLimits.get(userId, id -> dao.forUser(id).orElse(SpendLimits.NONE));
    }

    /**
     * Forgets the cached limits of a key or user. {@link LimitChanges} calls it on every replica
     * when an administrator changes them; the cache's 5 s bounds a replica that missed the notice.
     */
    public void invalidate(UUID keyOrUserId) {
        keyLimits.invalidate(keyOrUserId);
        userLimits.invalidate(keyOrUserId);
    }

    /** Counts one request of the key (any gateway endpoint) against its requests-per-minute limits. */
    public void admitRequest(UUID keyId, UUID ownerUserId) {
        SpendLimits key = limitsOfKey(keyId);
        int rpm = key.requestsPerMinute() != null ? key.requestsPerMinute() : defaultRequestsPerMinute;
        rate("requests", "gateway-key", rpm, keyId, 1);
        SpendLimits owner = limitsOfUser(ownerUserId);
        if (owner.requestsPerMinute() != null) {
            rate("requests", "gateway-user", owner.requestsPerMinute(), ownerUserId, 1);
        }
    }

    /** Refuses a model the key (or its owner) may not use. */
    public void checkModel(UUID keyId, UUID ownerUserId, String model) {
        if (!limitsOfKey(keyId).allows(model) || !limitsOfUser(ownerUserId).allows(model)) {
            throw LimitExceeded.modelNotAllowed(model);
        }
    }

    /**
     * Lets a model call through (its model, tokens per minute and budgets) or throws
     * {@link LimitExceeded}. {@code downgradeTo} is the alias used when a budget set to downgrade
     * is spent; {@code priceOf} prices a model name at its dearest deployment.
     */
    public Admission admitCall(UUID keyId, UUID ownerUserId, String model, long promptTokens, long maxCompletionTokens,
                               java.util.function.Function<String, Price> priceOf, String downgradeTo) {
        checkModel(keyId, ownerUserId, model);
        SpendLimits key = limitsOfKey(keyId);
        SpendLimits owner = limitsOfUser(ownerUserId);
        if (key.tokensPerMinute() != null) {
            rate("tokens", "gateway-key-tokens", key.tokensPerMinute(), keyId, promptTokens);
        }
        if (owner.tokensPerMinute() != null) {
            rate("tokens", "gateway-user-tokens", owner.tokensPerMinute(), ownerUserId, promptTokens);
        }
        if (!key.hasBudget() && !owner.hasBudget()) {
            return Admission.unlimited(model);
        }
        return reserve(keyId, ownerUserId, key, owner, model, promptTokens, maxCompletionTokens, priceOf, downgradeTo);
    }

    private Admission reserve(UUID keyId, UUID ownerUserId, SpendLimits key, SpendLimits owner, String model,
                              long promptTokens, long completionTokens,
                              java.util.function.Function<String, Price> priceOf, String downgradeTo) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Scope> scopes = new ArrayList<>();
        addScopes(scopes, "key", keyId, key, today, from -> dao.keySpendSince(keyId, from));
        addScopes(scopes, "user", ownerUserId, owner, today, from -> dao.userSpendSince(ownerUserId, from));
        String chosen = model;
        boolean downgraded = false;
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            long estimate = priceOf.apply(chosen).estimateNanos(promptTokens, completionTokens);
            List<Admission.Hold> holds = new ArrayList<>();
            Scope refusedBy = null;
            boolean busy = false;
            for (Scope scope : scopes) {
                if (estimate == 0 || (downgraded && scope.overBudget() == OverBudget.DOWNGRADE)) {
                    continue;
                }
                // Keyed by the limit too: after an administrator changes a budget, calls take a lease
                // on the new limit, and the old lease is settled and given back by the sweeper.
                BudgetLease lease = leases.get(scope.key() + "@" + scope.limitNanos(), k -> new BudgetLease(counter,
                        scope.key(), scope.limitNanos(), scope.seed(), scope.lifetime()));
                long reserved = lease.reserve(estimate, System.nanoTime());
                if (reserved >= 0) {
                    holds.add(new Admission.Hold(lease, reserved));
                    continue;
                }
                busy = reserved == SpendCounter.BUSY;
                refusedBy = scope;
                break;
            }
            if (refusedBy == null) {
                return new Admission(chosen, downgraded, holds, usd -> countSpend(keyId, key, ownerUserId, owner, usd));
            }
            holds.forEach(hold -> hold.lease().unreserve(hold.reserved(), System.nanoTime()));
            if (busy && System.nanoTime() < deadline) {
                // Calls of this key are settling or another replica holds what is left: shortly
                // the remainder is either free again or committed.
                sleep();
                continue;
            }
            if (!busy && refusedBy.overBudget() == OverBudget.DOWNGRADE && !downgraded && downgradeTo != null) {
                chosen = downgradeTo;
                downgraded = true;
                continue;
            }
            throw busy ? LimitExceeded.budgetBusy() : LimitExceeded.budgetSpent(refusedBy.describe());
        }
    }

    private void addScopes(List<Scope> scopes, String kind, UUID id, SpendLimits limits, LocalDate today,
                           java.util.function.ToDoubleFunction<java.time.Instant> spentSince) {
        if (id == null) {
            return;
        }
        if (limits.dailyBudgetUsd() != null) {
            java.time.Instant from = today.atStartOfDay(ZoneOffset.UTC).toInstant();
            scopes.add(new Scope("genai:llm:budget:" + kind + ":" + id + ":d:" + today, kind, "daily",
                    nanos(limits.dailyBudgetUsd()), limits.overBudget(),
                    () -> nanos(spentSince.applyAsDouble(from)), Duration.ofDays(2)));
        }
        if (limits.monthlyBudgetUsd() != null) {
            LocalDate first = today.withDayOfMonth(1);
            java.time.Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
            scopes.add(new Scope("genai:llm:budget:" + kind + ":" + id + ":m:" + first.toString().substring(0, 7),
                    kind, "monthly", nanos(limits.monthlyBudgetUsd()), limits.overBudget(),
                    () -> nanos(spentSince.applyAsDouble(from)), Duration.ofDays(32)));
        }
    }

    private record Scope(String key, String kind, String period, long limitNanos, OverBudget overBudget,
                         LongSupplier seed, Duration lifetime) {
        String describe() {
            return "The " + period + " budget of this " + (kind.equals("key") ? "API key" : "key's owner") + " is spent.";
        }
    }

    private void rate(String what, String name, int perMinute, UUID id, long tokens) {
        RateLimiter.Limit limit = new RateLimiter.Limit(name + "-" + perMinute, perMinute, Duration.ofMinutes(1));
        RateLimiter.Decision decision = limiter.tryConsumeLeased(limit, id.toString(), Math.min(tokens, perMinute));
        if (!decision.allowed()) {
            throw LimitExceeded.rate(what, perMinute, Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000));
        }
    }

    /** Completion tokens count against tokens-per-minute limits once the call is done. */
    public void countCompletion(UUID keyId, UUID ownerUserId, long completionTokens) {
        if (completionTokens <= 0) {
            return;
        }
        Integer keyTpm = limitsOfKey(keyId).tokensPerMinute();
        if (keyTpm != null) {
            limiter.tryConsumeLeased(new RateLimiter.Limit("gateway-key-tokens-" + keyTpm, keyTpm, Duration.ofMinutes(1)),
                    keyId.toString(), Math.min(completionTokens, keyTpm));
        }
        Integer userTpm = limitsOfUser(ownerUserId).tokensPerMinute();
        if (userTpm != null) {
            limiter.tryConsumeLeased(new RateLimiter.Limit("gateway-user-tokens-" + userTpm, userTpm, Duration.ofMinutes(1)),
                    ownerUserId.toString(), Math.min(completionTokens, userTpm));
        }
    }

    /**
     * Spend of keys and users that have a budget, on the metrics endpoint: {@code
     * llm_key_cost_dollars_total{key}} and {@code llm_user_cost_dollars_total{user}}. Only subjects an
     * administrator gave a budget get a series, which keeps the labels bounded.
     */
    private void countSpend(UUID keyId, SpendLimits key, UUID ownerUserId, SpendLimits owner, double usd) {
        if (usd <= 0) {
            return;
        }
        if (key.hasBudget()) {
            adder("llm.key_cost", keyId).add(usd);
        }
        if (ownerUserId != null && owner.hasBudget()) {
            adder("llm.user_cost", ownerUserId).add(usd);
        }
    }

    private java.util.concurrent.atomic.DoubleAdder adder(String base, UUID id) {
        return spend.computeIfAbsent(com.genaiauto.platform.metrics.PrometheusNames.dropwizardName(base, id.toString()),
                name -> {
                    var total = new java.util.concurrent.atomic.DoubleAdder();
                    metrics.gauge(name, () -> (com.codahale.metrics.Gauge<Double>) total::sum);
                    return total;
                });
    }

    private static long nanos(double usd) {
        return Math.round(usd * NANOS_PER_USD);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LimitExceeded.budgetBusy();
        }
    }

    /** Settles and returns what leases hold, a few times a second. */
    @Override
    public void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llm-budget-leases");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            long now = System.nanoTime();
            leases.asMap().values().forEach(lease -> lease.expireIfEnded(now));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Governance.class).warn("Settling budget leases failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        leases.asMap().values().forEach(BudgetLease::close);
    }
}
