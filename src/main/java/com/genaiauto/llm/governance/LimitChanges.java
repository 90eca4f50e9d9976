package com.genaiauto.llm.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.redis.FanOut;
import com.genaiauto.platform.redis.RedisConnector;
import io.dropwizard.lifecycle.Managed;
import java.util.UUID;

/**
 * Tells every replica that the limits of a key or user changed, so that each forgets its cached
 * copy at once instead of enforcing the old limits until the copy expires. While Redis is away
 * the notice reaches this replica only, and the others catch up when their copy expires (5 s).
 */
public final class LimitChanges {

    public static final String CHANNEL = "genai:llm:limits";

    /** The notice: the key or user whose limits changed. */
    public record Changed(UUID id) {
    }

    private final Governance governance;
    private final FanOut<Changed> fanOut;

    public LimitChanges(Governance governance, RedisConnector redis, ObjectMapper json) {
        this.governance = governance;
        this.fanOut = new FanOut<>(redis, CHANNEL, json, Changed.class, changed -> governance.invalidate(changed.id()));
    }

    /** The subscription to the channel, for the application's lifecycle. */
    public Managed subscription() {
        return fanOut;
    }

    /** After the change is stored: forgotten here before this returns, elsewhere when the notice arrives. */
    public void changed(UUID id) {
        governance.invalidate(id);
        fanOut.publish(new Changed(id));
    }
}
