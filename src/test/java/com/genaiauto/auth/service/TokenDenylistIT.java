package com.genaiauto.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.PrivateRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Revoked tokens against a real redis-server")
class TokenDenylistIT {

    @Test
    @DisplayName("a revocation made while Redis is away reaches Redis once it is back, with no further request here")
    void shouldWriteARevocationRedisMissedWithoutWaitingForARequest() throws Exception {
        int port = FreePorts.find();
        RedisConnector connector = new RedisConnector(new RedisConfig().withUrl("redis://127.0.0.1:" + port + "/0"));
        connector.start();
        try {
            TokenDenylist denylist = new TokenDenylist(connector, Clock.systemUTC());
            assertThat(connector.isAvailable()).isFalse();
            denylist.revoke("token-signed-out-while-redis-was-away", Instant.now().plus(Duration.ofMinutes(15)));
            assertThat(denylist.isRevoked("token-signed-out-while-redis-was-away")).as("held here meanwhile").isTrue();

            PrivateRedis redis = PrivateRedis.onPort(port);
            try {
                // Another replica asks Redis itself; this denylist is not called again.
                TokenDenylist otherReplica = new TokenDenylist(connector, Clock.systemUTC());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    seen = connector.isAvailable() && connector.connection().orElseThrow().sync()
                            .exists("genai:revoked-jti:token-signed-out-while-redis-was-away") == 1;
                }
                assertThat(seen).as("the revocation is in Redis").isTrue();
                assertThat(otherReplica.isRevoked("token-signed-out-while-redis-was-away")).isTrue();
            } finally {
                redis.stop();
            }
        } finally {
            connector.stop();
        }
    }
}
