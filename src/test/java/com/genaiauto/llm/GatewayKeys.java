package com.genaiauto.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Api;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Gateway API keys made by an administrator through the API, for tests that call the gateway. */
public final class GatewayKeys {

    /** A created key: its id and the secret clients present. */
    public record Key(String id, String secret) {
    }

    private GatewayKeys() {
    }

    /** A new key named {@code name}, owned by {@code owner} when not null. */
    public static Key create(Api api, String adminToken, String name, UUID owner) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name));
        if (owner != null) {
            body.put("ownerUserId", owner.toString());
        }
        Api.Reply created = api.post("/api/v1/auth/api-keys", body, adminToken);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Key(created.json().path("apiKey").path("id").asText(), created.field("key"));
    }
}
