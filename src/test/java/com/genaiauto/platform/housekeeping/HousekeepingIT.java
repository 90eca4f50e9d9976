package com.genaiauto.platform.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import io.dropwizard.testing.DropwizardTestSupport;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention with two replicas on one database: data past its age goes, younger data stays, a
 * replica skips while another holds the housekeeping lock, and usage reports still count the
 * model calls that were rolled up into daily totals.
 */
@DisplayName("Housekeeping")
class HousekeepingIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    static DropwizardTestSupport<GenAiAutoConfiguration> second;
    static Api api;
    static String admin;
    static String oldConversation;
    static String recentConversation;

    @BeforeAll
    static void oldAndRecentData() throws Exception {
        second = APP.startReplica();
        api = APP.api();
        admin = new Accounts(api).admin().accessToken();
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        oldConversation = api.post("/api/v1/chat", Map.of("message", "hello"), owner.accessToken()).field("sessionId");
        recentConversation = api.post("/api/v1/chat", Map.of("message", "hello again"), owner.accessToken()).field("sessionId");
        String keyId = api.post("/api/v1/auth/api-keys", Map.of("name", "ledger"), admin).json().path("apiKey").path("id").asText();
        try (Connection connection = APP.database().connect(); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE conversations SET updated_at = now() - interval '400 days' WHERE id = '" + oldConversation + "'");
            sql.execute("INSERT INTO audit_log (occurred_at, action) VALUES (now() - interval '800 days', 'test.ancient')");
            sql.execute("UPDATE refresh_tokens SET issued_at = now() - interval '47 days', expires_at = now() - interval '40 days' WHERE id IN "
                    + "(SELECT id FROM refresh_tokens WHERE user_id = '" + owner.userId() + "' LIMIT 1)");
            for (String age : new String[] {"100 days", "100 days", "10 days"}) {
                sql.execute("INSERT INTO llm_usage (id, api_key_id, provider, model, prompt_tokens, completion_tokens, "
                        + "cost_usd, status, created_at) VALUES ('" + UUID.randomUUID() + "', '" + keyId
                        + "', 'openai', 'gpt-4o-mini', 100, 20, 0.25, 'success', now() - interval '" + age + "')");
            }
            sql.execute("INSERT INTO retrieval_eval_runs (id, dataset, mode, top_k, status, embedding_model, created_at) "
                    + "VALUES ('" + UUID.randomUUID() + "', 'demo', 'hybrid', 5, 'succeeded', 'bge', now() - interval '200 days'), "
                    + "('" + UUID.randomUUID() + "', 'demo', 'hybrid', 5, 'succeeded', 'bge', now() - interval '2 days')");
            // Upload jobs finished 40 and 2 days ago.
            sql.execute("INSERT INTO ingestion_jobs (id, file_name, media_type, size_bytes, status, outcome, created_at, "
                    + "finished_at) VALUES "
                    + "('" + UUID.randomUUID() + "', 'old.md', 'text/markdown', 10, 'done', 'created', "
                    + "now() - interval '41 days', now() - interval '40 days'), "
                    + "('" + UUID.randomUUID() + "', 'recent.md', 'text/markdown', 10, 'done', 'created', "
                    + "now() - interval '3 days', now() - interval '2 days')");
        }
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.after();
        }
    }

    private static JsonNode usageTotals() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Api.Reply report = api.get("/api/v1/llm/usage?by=key&from=" + today.minusDays(120) + "&to=" + today, admin);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json().path("rows").get(0);
    }

    private static Api.Reply housekeeping(int adminPort) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + adminPort + "/tasks/housekeeping"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRemoveExactlyWhatIsPastItsAgeOnOneReplicaAtATime() throws Exception {
        JsonNode before = usageTotals();
        assertThat(before.path("calls").asLong()).isEqualTo(3);

        // Another replica is running it: both skip, nothing goes.
        try (Connection holder = APP.database().connect(); Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + Housekeeping.LOCK_KEY + ")");
            assertThat(housekeeping(APP.adminPort()).text()).isEqualTo("skipped: another replica is running housekeeping\n");
            assertThat(housekeeping(second.getAdminPort()).text()).startsWith("skipped");
            assertThat(APP.database().count("SELECT count(*) FROM llm_usage")).isEqualTo(3);
        }

        Api.Reply first = housekeeping(APP.adminPort());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text()).contains("removed 1 conversations", "removed 2 llm_usage", "removed 1 audit_log",
                "removed 1 refresh_tokens", "removed 1 evaluation_runs", "removed 1 ingestion_jobs");
        assertThat(housekeeping(second.getAdminPort()).text()).contains("removed 0 conversations", "removed 0 llm_usage",
                "removed 0 audit_log", "removed 0 refresh_tokens", "removed 0 evaluation_runs", "removed 0 ingestion_jobs");

        assertThat(APP.database().count("SELECT count(*) FROM conversations WHERE id = '" + oldConversation + "'")).isZero();
        assertThat(APP.database().count("SELECT count(*) FROM conversations WHERE id = '" + recentConversation + "'")).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM audit_log WHERE action = 'test.ancient'")).isZero();
        assertThat(APP.database().count("SELECT count(*) FROM retrieval_eval_runs")).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM ingestion_jobs WHERE file_name = 'recent.md'")).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM ingestion_jobs")).isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM llm_usage")).isEqualTo(1);
        assertThat(APP.database().count("SELECT sum(calls) FROM llm_usage_daily")).isEqualTo(2);

        JsonNode after = usageTotals();
        assertThat(after.path("calls").asLong()).as("calls rolled up still count").isEqualTo(3);
        assertThat(after.path("costUsd").asDouble()).isEqualTo(before.path("costUsd").asDouble());
        assertThat(after.path("promptTokens").asLong()).isEqualTo(300);

        String metrics = api.get("/api/v1/metrics", null).text();
        assertThat(metrics).containsPattern("housekeeping_removed_llm_usage(_total)? 2(\\.0)?\\n");
    }
}
