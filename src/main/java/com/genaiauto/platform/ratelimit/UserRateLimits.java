package com.genaiauto.platform.ratelimit;

import com.genaiauto.platform.errors.TooManyRequestsException;
import com.genaiauto.platform.web.HttpConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute of one signed-in user, per route (or per group of routes that share a
 * bucket, as the chat routes and chat-socket messages do), shared by every replica through the
 * leased Redis buckets of {@link RateLimiter}, per replica while Redis is away.
 */
public final class UserRateLimits {

    private final RateLimiter limiter;
    private final int defaultPerMinute;
    private final Map<String, RateLimiter.Limit> byRoute = new HashMap<>();
    private final Map<String, RateLimiter.Limit> defaults = new ConcurrentHashMap<>();

    public UserRateLimits(RateLimiter limiter, HttpConfig.UserRateLimits config) {
        this.limiter = limiter;
        this.defaultPerMinute = config.perMinute();
        int index = 0;
        for (HttpConfig.Rule rule : config.rules()) {
            RateLimiter.Limit limit = new RateLimiter.Limit("user-rule" + index++ + "-" + rule.perMinute(),
                    rule.perMinute(), Duration.ofMinutes(1));
            rule.routes().forEach(route -> byRoute.put(route, limit));
        }
    }

    /** Takes one request of {@code userId} on {@code route} ("METHOD /template"), or throws 429. */
    public void take(String route, String userId) {
        RateLimiter.Limit limit = byRoute.get(route);
        if (limit == null) {
            // Routes are the application's fixed templates: a bounded set of limits.
            limit = defaults.computeIfAbsent(route, key -> new RateLimiter.Limit(
                    "user-route-" + Integer.toHexString(key.hashCode()) + "-" + defaultPerMinute, defaultPerMinute,
                    Duration.ofMinutes(1)));
        }
        RateLimiter.Decision decision = limiter.tryConsumeLeased(limit, userId);
        if (!decision.allowed()) {
            throw new TooManyRequestsException("Too many requests from this account; slow down and retry shortly.",
                    decision.retryAfter());
        }
    }
}
