package com.genaiauto.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Redis as the HA overlay runs it, for a test class: a primary, one replica and three Sentinels
 * watching them under {@link #MASTER}, all with one password. Stopped after the class.
 */
public final class SentinelSet implements AfterAllCallback {

    public static final String MASTER = "genai";

    private final String password;
    private final PrivateRedis primary;
    private final PrivateRedis replica;
    private final SentinelTrio sentinels;

    private SentinelSet(String password) {
        this.password = password;
        this.primary = PrivateRedis.startedWith(password, List.of("--masterauth", password));
        this.replica = PrivateRedis.startedWith(password,
                List.of("--masterauth", password, "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        this.sentinels = SentinelTrio.watching(MASTER, primary.port(), password);
    }

    public static SentinelSet started(String password) {
        return new SentinelSet(password);
    }

    public PrivateRedis primary() {
        return primary;
    }

    public PrivateRedis replica() {
        return replica;
    }

    public SentinelTrio sentinels() {
        return sentinels;
    }

    /** Settings for {@link RunningApp}: REDIS_URL naming the Sentinels, and the data password. */
    public AppConfig configure(AppConfig config) {
        return config.set("redis.url", sentinels.url()).set("redis.password", password);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sentinels.afterAll(context);
        replica.afterAll(context);
        primary.afterAll(context);
    }
}
