package com.genaiauto.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Uploads;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several replicas on one database. This class's own replica looks for queued jobs only once an
 * hour: it runs what is queued through it, and what others hand back only when woken by an
 * upload of its own. The replicas each test starts look every 50 ms.
 */
@DisplayName("Ingestion jobs on several replicas")
class IngestionReplicasIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config.set("rag.ingestionPollInterval", "1h"));

    private static Api api;
    private static String admin;

    @BeforeAll
    static void signIn() {
        api = APP.api();
        admin = new Accounts(api).admin().accessToken();
    }

    private static DropwizardTestSupport<GenAiAutoConfiguration> eagerReplica() throws Exception {
        return APP.startReplica(config -> config.set("rag.ingestionPollInterval", "50ms"));
    }

    private static Api.Reply postMarkdown(Api through, String fileName, String markdown) {
        DocumentFixtures.Multipart form = DocumentFixtures.multipart(fileName, "text/markdown",
                markdown.getBytes(StandardCharsets.UTF_8));
        return through.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
    }

    @Test
    @DisplayName("run every job exactly once, whichever replica takes it")
    void shouldRunEveryJobExactlyOnce() throws Exception {
        DropwizardTestSupport<GenAiAutoConfiguration> second = eagerReplica();
        DropwizardTestSupport<GenAiAutoConfiguration> third = eagerReplica();
        try {
            List<Api.Reply> accepted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                accepted.add(postMarkdown(api, "once-" + i + ".md", "# Once " + i + "\n\n"
                        + GeneratedManual.markdown(100 + i, 20_000)));
            }
            for (int i = 0; i < accepted.size(); i++) {
                JsonNode job = Uploads.done(api, admin, accepted.get(i));
                assertThat(job.path("outcome").asText()).isEqualTo("created");
                String id = job.path("id").asText();
                String document = job.path("documentId").asText();
                assertThat(APP.database().count("SELECT attempts FROM ingestion_jobs WHERE id = '" + id + "'"))
                        .as("claimed once").isEqualTo(1);
                assertThat(APP.database().count("SELECT count(*) FROM documents WHERE source_name = 'once-" + i
                        + ".md'")).isEqualTo(1);
                assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '"
                        + document + "'")).isEqualTo(job.path("chunksTotal").asLong());
            }
            assertThat(APP.database().count("SELECT count(DISTINCT claimed_by) FROM ingestion_jobs "
                    + "WHERE file_name LIKE 'once-%'")).as("replicas shared the work").isGreaterThanOrEqualTo(2);
        } finally {
            third.after();
            second.after();
        }
    }

    @Test
    @DisplayName("run the uploads of one document one after the other, so that the last one uploaded stands")
    void shouldRunTheVersionsOfADocumentInTheOrderTheyCame() throws Exception {
        DropwizardTestSupport<GenAiAutoConfiguration> second = eagerReplica();
        DropwizardTestSupport<GenAiAutoConfiguration> third = eagerReplica();
        try {
            Api.Reply older = postMarkdown(api, "versions.md", "# Versions\n\nThe Halcyon washer reservoir holds "
                    + "4 litres.\n\n" + GeneratedManual.markdown(9, 150_000));
            Api.Reply newer = postMarkdown(new Api(second.getLocalPort()), "versions.md",
                    "# Versions\n\nThe Halcyon washer reservoir holds 5.5 litres.\n");

            JsonNode first = Uploads.done(api, admin, older);
            JsonNode last = Uploads.done(api, admin, newer);

            assertThat(first.path("outcome").asText()).isEqualTo("created");
            assertThat(last.path("outcome").asText()).isEqualTo("updated");
            assertThat(last.path("documentId").asText()).isEqualTo(first.path("documentId").asText());
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_jobs newer, ingestion_jobs older "
                    + "WHERE newer.id = '" + newer.field("id") + "' AND older.id = '" + older.field("id") + "' "
                    + "AND newer.started_at >= older.finished_at")).as("the newer upload waited").isEqualTo(1);
            assertThat(Uploads.document(api, admin, last).path("chunkCount").asInt()).isEqualTo(1);
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE content LIKE '%5.5 litres%'"))
                    .isEqualTo(1);
        } finally {
            third.after();
            second.after();
        }
    }

    @Test
    @DisplayName("stream a job's progress from any replica")
    void shouldStreamTheProgressOfAJobAnotherReplicaRuns() throws Exception {
        DropwizardTestSupport<GenAiAutoConfiguration> second = eagerReplica();
        try {
            Api.Reply accepted = postMarkdown(api, "streamed-elsewhere.md", GeneratedManual.markdown(7, 30_000));

            List<JsonNode> events = Uploads.progressEvents(second.getLocalPort(), admin, accepted.header("Location"));

            JsonNode last = events.get(events.size() - 1);
            assertThat(last.path("status").asText()).isEqualTo("done");
            assertThat(last.path("id").asText()).isEqualTo(accepted.field("id"));
            assertThat(last.path("chunksEmbedded").asInt()).isEqualTo(last.path("chunksTotal").asInt());
        } finally {
            second.after();
        }
    }

    @Test
    @DisplayName("hand a running job back when their replica stops, for another to run from the start")
    void shouldHandARunningJobBackOnShutdown() throws Exception {
        DropwizardTestSupport<GenAiAutoConfiguration> stopping = eagerReplica();
        String location;
        try {
            // Queued through the replica that will stop: it takes the job at once, and only it looks.
            Api.Reply accepted = postMarkdown(new Api(stopping.getLocalPort()), "handed-back.md",
                    GeneratedManual.markdown(8, 400_000));
            location = accepted.header("Location");
            Uploads.await(api, admin, location, job -> job.path("chunksEmbedded").asInt() > 0);
        } finally {
            stopping.after();
        }
        JsonNode handedBack = api.get(location, admin).json();
        assertThat(handedBack.path("status").asText()).isEqualTo("queued");
        assertThat(handedBack.path("chunksEmbedded").asInt()).isZero();
        assertThat(handedBack.path("chunksTotal").isNull()).isTrue();
        String id = handedBack.path("id").asText();
        assertThat(APP.database().count("SELECT count(*) FROM ingestion_staged_chunks WHERE job_id = '" + id + "'"))
                .isZero();

        // An upload through this replica wakes it; it takes the oldest queued job first.
        Uploads.done(api, admin, api.post("/api/v1/documents", Map.of("title", "Wake up",
                "content", "The Halcyon wake-up call is a test of the queue."), admin));
        JsonNode finished = Uploads.await(api, admin, location);

        assertThat(finished.path("status").asText()).isEqualTo("done");
        assertThat(APP.database().count("SELECT attempts FROM ingestion_jobs WHERE id = '" + id + "'"))
                .as("a run stopped by a shutdown is not an attempt").isEqualTo(1);
        assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '"
                + finished.path("documentId").asText() + "'")).isEqualTo(finished.path("chunksTotal").asLong());
    }
}
