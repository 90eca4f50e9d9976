package com.genaiauto.platform.redis;

import com.codahale.metrics.health.HealthCheck;

/** Admin-port check; Redis being down degrades the service but never stops it. */
public final class RedisHealthCheck extends HealthCheck {

    private final RedisConnector redis;

    public RedisHealthCheck(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        return redis.isAvailable()
                ? Result.healthy("connected")
                : Result.unhealthy("Redis unreachable: running without cache and with local rate limits");
    }
}
