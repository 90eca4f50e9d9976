package com.genaiauto.platform.health;

import com.genaiauto.platform.redis.RedisConnector;

/** Redis answers PING; without it the service runs degraded (no cache, local rate limits). */
public final class RedisProbe implements ServiceProbe {

    private final RedisConnector redis;

    public RedisProbe(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Impact impact() {
        return Impact.OPTIONAL;
    }

    @Override
    public ProbeResult probe() {
        return redis.isAvailable() ? ProbeResult.up("connected") : ProbeResult.down("disconnected");
    }
}
