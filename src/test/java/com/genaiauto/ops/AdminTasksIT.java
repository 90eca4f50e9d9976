package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Admin tasks: demo data, cache flush by kind, retention, erasure")
class AdminTasksIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static Api api;

    @BeforeAll
    static void client() {
        api = APP.api();
    }


    @Test
    void shouldSeedTheDemoOwnerOnceSoTheReadmeConversationWorks() {
        assertThat(APP.task("demo-seed", "")).contains("demo owner", "created", "Volta added");
        assertThat(APP.task("demo-seed", "")).contains("already there", "unchanged");
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", "demo@genai-auto.example",
                "password", "Drive-safely-2026!"), null);
        assertThat(login.status()).isEqualTo(200);
        String token = login.field("accessToken");
        JsonNode vehicles = api.get("/api/v1/vehicles", token).json();
        assertThat(vehicles.path("total").asInt()).isEqualTo(1);
        assertThat(vehicles.path("items").get(0).path("model").asText()).isEqualTo("Volta");
        JsonNode history = api.get("/api/v1/vehicles/" + vehicles.path("items").get(0).path("id").asText()
                + "/service-history", token).json();
        assertThat(history.path("total").asInt()).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM audit_log WHERE action = 'demo.seeded'")).isEqualTo(2);
    }

    @Test
    void shouldFlushCachesByKindAndAll() {
        api.post("/api/v1/search", Map.of("query", "flush me please"), new Accounts(api).admin().accessToken());
        assertThat(APP.task("cache-flush", "kind=embedding")).containsPattern("removed [1-9]\\d* embedding entries");
        assertThat(APP.task("cache-flush", "kind=embedding")).contains("removed 0 embedding entries");
        assertThat(APP.task("cache-flush", "")).contains("answer entries", "embedding entries", "llm_response entries");
        Api.Reply refused = APP.taskReply("POST", "cache-flush", "kind=nonsense");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_parameter");
        assertThat(refused.json().path("error").path("message").asText())
                .isEqualTo("pass kind=all or one of answer, embedding, llm_response");
    }

    @Test
    void shouldPurgeConversationsPastRetentionOnly() throws Exception {
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        String old = api.post("/api/v1/chat", Map.of("message", "hello"), owner.accessToken()).field("sessionId");
        String recent = api.post("/api/v1/chat", Map.of("message", "hello again"), owner.accessToken()).field("sessionId");
        try (var connection = APP.database().connect(); var statement = connection.createStatement()) {
            statement.execute("UPDATE conversations SET updated_at = now() - interval '400 days' WHERE id = '" + old + "'");
        }
        assertThat(APP.task("conversation-purge", "days=365")).contains("removed 1 conversations");
        assertThat(APP.task("conversation-purge", "days=365")).contains("removed 0 conversations");
        assertThat(APP.database().count("SELECT count(*) FROM conversations WHERE id = '" + recent + "'")).isEqualTo(1);
        Api.Reply refused = APP.taskReply("POST", "conversation-purge", "days=0");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("message").asText()).isEqualTo("days must be a whole number, at least 1");
    }

    @Test
    void shouldEraseOneCustomersConversationsAndPersonalData() {
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        owner.aVehicle().create();
        api.post("/api/v1/chat", Map.of("message", "my email is erase.me@example.com"), owner.accessToken());
        Accounts.Session other = new Accounts(api).aCustomer().register();
        api.post("/api/v1/chat", Map.of("message", "hello"), other.accessToken());

        assertThat(APP.task("customer-erase", "user=" + owner.userId())).contains("erased 1 conversations",
                "1 customer profile");
        assertThat(APP.database().count("SELECT count(*) FROM messages WHERE content LIKE '%erase.me@example.com%'")).isZero();
        assertThat(APP.database().count("SELECT count(*) FROM customers WHERE user_id = '" + owner.userId()
                + "' AND full_name = '(erased)' AND email IS NULL AND phone IS NULL")).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM conversations WHERE user_id = '" + other.userId() + "'")).isEqualTo(1);
        assertThat(APP.task("customer-erase", "user=" + owner.userId())).contains("erased 0 conversations");
        assertThat(APP.database().count("SELECT count(*) FROM audit_log WHERE action = 'customer.erased'")).isEqualTo(2);
    }
}
