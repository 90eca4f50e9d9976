package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A little of everything a real deployment sees, so that the metrics it produces exist. */
final class Traffic {

    private Traffic() {
    }

    static void generate(Api api) {
        Accounts accounts = new Accounts(api);
        Accounts.Session admin = accounts.admin();
        Accounts.Session owner = accounts.aCustomer().register();
        UUID vehicle = owner.aVehicle().create();
        assertThat(api.get("/api/v1/vehicles/" + vehicle, owner.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/no-such-route", null).status()).isEqualTo(404);

        Api.Reply key = api.post("/api/v1/auth/api-keys", Map.of("name", "monitoring"), admin.accessToken());
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        // Deterministic, so the second call is answered from the response cache.
        Map<String, Object> question = Map.of("model", "balanced", "temperature", 0,
                "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?")));
        for (int i = 0; i < 2; i++) {
            Api.Reply answer = api.send("POST", "/v1/chat/completions", question, key.field("key"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            // Answers are stored by a background writer every few milliseconds; leave it ample time.
            pause(Duration.ofMillis(200));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
