package com.genaiauto.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.RunningApp;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Knowledge base operations: seeding, evaluation runs, re-embedding, dimension check")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeBaseOperationsIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static Api api;
    private static String admin;

    @BeforeAll
    static void signIn() {
        api = APP.api();
        admin = new Accounts(api).admin().accessToken();
    }


    private static JsonNode awaitRun(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode run;
        do {
            Thread.sleep(200);
            run = api.get("/api/v1/admin/evaluations/" + id, admin).json();
        } while (List.of("queued", "running").contains(run.path("run").path("status").asText())
                && System.nanoTime() < deadline);
        return run;
    }

    @Test
    @Order(1)
    void shouldSeedTheDemoKnowledgeBaseOnceAndSkipItTheSecondTime() {
        int bundled = KnowledgeBaseSeeder.bundledSlugs().size();
        assertThat(APP.task("kb-seed", "")).contains("created " + bundled);
        long chunks = APP.database().count("SELECT count(*) FROM document_chunks");
        assertThat(APP.task("kb-seed", "")).contains("created 0", "unchanged " + bundled);
        assertThat(APP.database().count("SELECT count(*) FROM document_chunks")).isEqualTo(chunks);
        assertThat(APP.database().count("SELECT count(*) FROM audit_log WHERE action = 'rag.seeded'")).isEqualTo(2);
    }

    @Test
    @Order(2)
    void shouldAnswerAnOwnersQuestionFromTheSeededManuals() {
        JsonNode results = api.post("/api/v1/search", Map.of("query", "how much air should be in the volta tyres",
                "filters", Map.of("model", "Volta")), admin).json();
        assertThat(results.path("results").get(0).path("sourceName").asText()).isEqualTo("tyre-pressures-and-rotation");
    }

    @Test
    @Order(3)
    void shouldRunTheBuiltInEvaluationInTheBackgroundAndKeepItsResults() throws InterruptedException {
        Api.Reply started = api.post("/api/v1/admin/evaluations", Map.of("mode", "hybrid", "topK", 5), admin);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.json().path("dataset").asText()).isEqualTo("builtin");
        JsonNode run = awaitRun(started.json().path("id").asText());
        assertThat(run.path("run").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("run").path("hitAtK").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(run.path("results")).hasSizeGreaterThanOrEqualTo(60);
        assertThat(run.path("run").path("completedCount").asInt()).isEqualTo(run.path("run").path("questionCount").asInt());
    }

    @Test
    @Order(4)
    void shouldRunAnUploadedSetAndCompareTwoRuns() throws InterruptedException {
        List<Map<String, Object>> questions = List.of(
                Map.of("id", "a", "question", "what oil grade for the arden", "expected", List.of("arden-fluids-and-oil")),
                Map.of("id", "b", "question", "volta home charging time", "expected", List.of("volta-charging")));
        String hybrid = api.post("/api/v1/admin/evaluations", Map.of("dataset", "smoke", "questions", questions),
                admin).json().path("id").asText();
        String text = api.post("/api/v1/admin/evaluations", Map.of("dataset", "smoke", "questions", questions,
                "mode", "text"), admin).json().path("id").asText();
        assertThat(awaitRun(hybrid).path("run").path("status").asText()).isEqualTo("succeeded");
        assertThat(awaitRun(text).path("run").path("status").asText()).isEqualTo("succeeded");
        JsonNode list = api.get("/api/v1/admin/evaluations", admin).json();
        assertThat(list.path("total").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode comparison = api.get("/api/v1/admin/evaluations/compare?base=" + hybrid + "&candidate=" + text, admin).json();
        assertThat(comparison.path("base").path("mode").asText()).isEqualTo("hybrid");
        assertThat(comparison.path("candidate").path("mode").asText()).isEqualTo("text");
        assertThat(comparison.path("deltas").has("mrr")).isTrue();
        assertThat(comparison.path("deltas").has("faithfulness")).isTrue();
    }

    @Test
    @Order(5)
    void shouldRejectAnEvaluationNamingNoExpectedDocument() {
        Api.Reply reply = api.post("/api/v1/admin/evaluations", Map.of("questions",
                List.of(Map.of("id", "a", "question", "q", "expected", List.of()))), admin);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("error").path("message").asText()).contains("names no expected document");
    }

    @Test
    @Order(6)
    void shouldReEmbedEveryChunkInTheBackgroundWhileSearchKeepsWorking() throws InterruptedException {
        long chunks = APP.database().count("SELECT count(*) FROM document_chunks");
        assertThat(APP.task("kb-reindex", "all=true")).contains("re-embedding started");
        assertThat(api.post("/api/v1/search", Map.of("query", "jump start the car"), admin).status()).isEqualTo(200);
        long deadline = System.nanoTime() + 180_000_000_000L;
        String report;
        do {
            Thread.sleep(500);
            report = APP.task("kb-reindex", "status=true");
        } while (!report.contains("idle") && System.nanoTime() < deadline);
        assertThat(report).contains(chunks + " of " + chunks);
        assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE embedding_model = 'bge-small-en-v1.5'")).isEqualTo(chunks);
    }

    @Test
    @Order(7)
    void shouldRefuseToStartWhenTheConfiguredDimensionDoesNotMatchTheColumn() {
        DropwizardTestSupport<GenAiAutoConfiguration> mismatched = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, AppConfig.defaults().database(() -> APP.database().jdbcUrl())
                        .redis(() -> APP.redis().url())
                        .set("rag.embeddingDimension", "768")
                        .set("rag.embeddingModel", "nomic-embed-text-v1.5")
                        .set("rag.embeddingBaseUrl", "http://127.0.0.1:9/v1")
                        .toArray());
        assertThatThrownBy(mismatched::before)
                .hasStackTraceContaining("EMBEDDING_DIMENSION is 768 but document_chunks.embedding holds vectors of 384");
        mismatched.after();
    }
}
