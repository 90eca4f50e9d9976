package com.genaiauto.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Ingestion jobs: uploads answered at once, run in the background, published whole")
class IngestionJobsIT {

    /** A short lease, so that a job whose replica died is taken over within seconds. */
    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config.set("rag.ingestionLease", "3s")
            .set("rag.ingestionPollInterval", "200ms"));

    private static final long MIB = 1024 * 1024;

    private static Api api;
    private static String admin;

    @BeforeAll
    static void signIn() {
        api = APP.api();
        admin = new Accounts(api).admin().accessToken();
    }

    private static Api.Reply postFile(String fileName, String contentType, byte[] content, String... fields) {
        DocumentFixtures.Multipart form = DocumentFixtures.multipart(fileName, contentType, content, fields);
        return api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
    }

    private static Api.Reply postMarkdown(String fileName, String markdown) {
        return postFile(fileName, "text/markdown", markdown.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode topHit(String query) {
        Api.Reply reply = api.post("/api/v1/search", Map.of("query", query, "topK", 5), admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("results").get(0);
    }

    @Nested
    @DisplayName("an upload")
    class Accepted {

        @Test
        @DisplayName("is answered 202 at once with the queued job and where to follow it")
        void shouldAnswer202WithTheQueuedJobAndItsAddress() {
            byte[] content = "# Halcyon key card\n\nThe Halcyon key card battery is a CR2032 cell.\n"
                    .getBytes(StandardCharsets.UTF_8);
            Instant before = Instant.now().minusSeconds(5);

            Api.Reply accepted = postFile("key-card.md", "text/markdown", content);

            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            JsonNode job = accepted.json();
            String id = job.path("id").asText();
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(accepted.header("Location")).isEqualTo("/api/v1/documents/jobs/" + id);
            assertThat(job.path("fileName").asText()).isEqualTo("key-card.md");
            assertThat(job.path("status").asText()).isEqualTo("queued");
            assertThat(job.path("bytes").asLong()).isEqualTo(content.length);
            assertThat(job.path("chunksTotal").isNull()).isTrue();
            assertThat(job.path("chunksEmbedded").asInt()).isZero();
            assertThat(job.path("documentId").isNull()).isTrue();
            assertThat(job.path("outcome").isNull()).isTrue();
            assertThat(job.path("error").isNull()).isTrue();
            assertThat(Instant.parse(job.path("createdAt").asText())).isAfter(before);
            assertThat(job.path("updatedAt").asText()).isEqualTo(job.path("createdAt").asText());

            JsonNode done = Uploads.await(api, admin, accepted.header("Location"));
            assertThat(done.path("id").asText()).isEqualTo(id);
            assertThat(done.path("status").asText()).isEqualTo("done");
            assertThat(done.path("outcome").asText()).isEqualTo("created");
            assertThat(done.path("chunksTotal").asInt()).isEqualTo(1);
            assertThat(done.path("chunksEmbedded").asInt()).isEqualTo(1);
            assertThat(Uploads.document(api, admin, done).path("sourceName").asText()).isEqualTo("key-card.md");
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_uploads WHERE job_id = '" + id + "'"))
                    .as("the uploaded bytes are dropped when the job ends").isZero();
        }

        @Test
        @DisplayName("is listed, newest first")
        void shouldListJobsNewestFirst() {
            Api.Reply first = api.post("/api/v1/documents", Map.of("title", "Listed one",
                    "content", "The Halcyon glovebox lamp is a W5W bulb."), admin);
            Api.Reply second = api.post("/api/v1/documents", Map.of("title", "Listed two",
                    "content", "The Halcyon boot lamp is a C5W bulb."), admin);
            Uploads.done(api, admin, first);
            Uploads.done(api, admin, second);

            Api.Reply list = api.get("/api/v1/documents/jobs?limit=2", admin);

            assertThat(list.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            list.json().path("items").forEach(job -> ids.add(job.path("id").asText()));
            assertThat(ids).containsExactly(second.field("id"), first.field("id"));
            assertThat(list.json().path("items").get(0).path("fileName").asText())
                    .as("a text upload is named by its title").isEqualTo("Listed two");
            assertThat(list.json().path("limit").asInt()).isEqualTo(2);
            assertThat(list.json().path("total").asLong()).isGreaterThanOrEqualTo(2);
        }

        @Test
        @DisplayName("that does not exist is 404")
        void shouldAnswer404ForAnUnknownJob() {
            Api.Reply reply = api.get("/api/v1/documents/jobs/" + UUID.randomUUID(), admin);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("not_found");
            assertThat(api.get("/api/v1/documents/jobs/" + UUID.randomUUID() + "/events", admin).status())
                    .isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("progress")
    class Progress {

        @Test
        @DisplayName("is pushed on the job's event stream, chunk batch by chunk batch, until the job is done")
        void shouldStreamProgressUntilTheJobIsDone() {
            // About 290 chunks: nine batches, each reported.
            Api.Reply accepted = postMarkdown("progress-manual.md", GeneratedManual.markdown(2, 250_000));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

            List<JsonNode> events = Uploads.progressEvents(APP.port(), admin, accepted.header("Location"));

            JsonNode last = events.get(events.size() - 1);
            assertThat(last.path("status").asText()).isEqualTo("done");
            int total = last.path("chunksTotal").asInt();
            assertThat(total).isGreaterThan(250);
            assertThat(last.path("chunksEmbedded").asInt()).isEqualTo(total);
            assertThat(last.path("documentId").asText()).isNotBlank();
            List<Integer> embedded = events.stream().map(event -> event.path("chunksEmbedded").asInt()).toList();
            assertThat(embedded).as("chunks embedded never go back").isSorted();
            List<Integer> midway = events.stream().filter(event -> event.path("status").asText().equals("embedding"))
                    .map(event -> event.path("chunksEmbedded").asInt())
                    .filter(count -> count > 0 && count < total).distinct().toList();
            assertThat(midway).as("progress seen on the way").hasSizeGreaterThanOrEqualTo(2);
            assertThat(events).allSatisfy(event -> assertThat(event.path("id").asText()).isEqualTo(accepted.field("id")));
            assertThat(events.stream().filter(event -> event.path("status").asText().equals("done"))).hasSize(1);
        }

        @Test
        @DisplayName("of a finished job is its end state, once")
        void shouldSendAFinishedJobOnceAndEndTheStream() {
            JsonNode done = Uploads.done(api, admin, api.post("/api/v1/documents", Map.of("title", "Finished",
                    "content", "The Halcyon tailgate strut is replaced in pairs."), admin));

            List<JsonNode> events = Uploads.progressEvents(APP.port(), admin, "/api/v1/documents/jobs/" + done.path("id").asText());

            assertThat(events).hasSize(1);
            assertThat(events.get(0)).isEqualTo(done);
        }
    }

    @Nested
    @DisplayName("a 10 MiB manual")
    class LargeManual {

        /**
         * A PDF as manufacturers publish them: 10 MiB, of which 1.9 MB is text (about 700 pages,
         * 2,150 chunks and 18,800 answer units: more than the 2,000 chunks the service used to
         * refuse) and the rest illustrations. A manual of 10 MiB of text, five times the work, is
         * measured by bench/ingestion rather than run here.
         */
        @Test
        @DisplayName("is ingested whole, past the old limit of 2,000 chunks, its progress pushed on the way")
        void shouldIngestATenMebibyteManual() {
            byte[] pdf = GeneratedManual.pdf(4, 1_900_000, 10 * MIB - 16 * 1024);
            assertThat(pdf.length).isBetween((int) (10 * MIB - 64 * 1024), (int) (10 * MIB));

            Api.Reply accepted = postFile("halcyon-owners-manual.pdf", "application/pdf", pdf, "type", "manual");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            List<JsonNode> events = Uploads.progressEvents(APP.port(), admin, accepted.header("Location"));
            JsonNode job = events.get(events.size() - 1);

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("bytes").asLong()).isEqualTo(pdf.length);
            int chunks = job.path("chunksTotal").asInt();
            assertThat(chunks).isGreaterThan(2_000);
            assertThat(job.path("chunksEmbedded").asInt()).isEqualTo(chunks);
            List<Integer> midway = events.stream().filter(event -> event.path("status").asText().equals("embedding"))
                    .map(event -> event.path("chunksEmbedded").asInt())
                    .filter(count -> count > 0 && count < chunks).distinct().toList();
            assertThat(midway).as("progress seen on the way").hasSizeGreaterThanOrEqualTo(10).isSorted();
            JsonNode document = Uploads.document(api, admin, job);
            assertThat(document.path("chunkCount").asInt()).isEqualTo(chunks);
            String id = document.path("id").asText();
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '" + id + "'"))
                    .isEqualTo(chunks);
            assertThat(APP.database().count("SELECT count(*) FROM chunk_units u JOIN document_chunks c ON c.id = u.chunk_id "
                    + "WHERE c.document_id = '" + id + "'")).isGreaterThan(15_000);
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_staged_chunks")).isZero();
            // The passage of the last page is searchable (other generated manuals of this class say the same;
            // the words are its own: full-text search ranks at most 1,000 matches of any of them).
            Api.Reply found = api.post("/api/v1/search", Map.of("query", "bleed screw green collar",
                    "topK", 10, "mode", "text"), admin);
            List<String> sources = new ArrayList<>();
            found.json().path("results").forEach(result -> {
                if (result.path("content").asText().contains("green collar")) {
                    sources.add(result.path("sourceName").asText());
                }
            });
            assertThat(sources).contains("halcyon-owners-manual.pdf");
        }
    }

    @Nested
    @DisplayName("a new version of a document")
    class Reupload {

        @Test
        @DisplayName("leaves the current version answering until it is complete, then replaces it whole")
        void shouldKeepTheCurrentVersionAnsweringUntilTheNewOneIsComplete() throws Exception {
            JsonNode first = Uploads.done(api, admin, postMarkdown("halcyon-wipers.md",
                    "# Halcyon wipers\n\nThe driver's wiper blade of the Halcyon is 600 mm long.\n"));
            String id = first.path("documentId").asText();
            String question = "how long is the driver's wiper blade of the halcyon";
            String newVersion = "# Halcyon wipers\n\nThe driver's wiper blade of the Halcyon is 650 mm long.\n\n"
                    + GeneratedManual.markdown(5, 60_000);

            JsonNode staged;
            // Holding the document's row keeps the new version from being published: the moment
            // between its last embedded chunk and its publication, held open.
            try (Connection holder = APP.database().connect(); Statement lock = holder.createStatement()) {
                holder.setAutoCommit(false);
                lock.execute("SELECT id FROM documents WHERE id = '" + id + "' FOR UPDATE");
                Api.Reply accepted = postMarkdown("halcyon-wipers.md", newVersion);
                staged = Uploads.await(api, admin, accepted.header("Location"),
                        job -> job.path("status").asText().equals("embedding")
                                && job.path("chunksEmbedded").asInt() == job.path("chunksTotal").asInt());

                assertThat(topHit(question).path("content").asText()).contains("600 mm");
                assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '" + id + "'"))
                        .isEqualTo(1);
                assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE content LIKE '%650 mm%'"))
                        .isZero();
                assertThat(Uploads.document(api, admin, first).path("chunkCount").asInt()).isEqualTo(1);
                holder.rollback();
            }
            JsonNode second = Uploads.await(api, admin, "/api/v1/documents/jobs/" + staged.path("id").asText());

            assertThat(second.path("status").asText()).isEqualTo("done");
            assertThat(second.path("outcome").asText()).isEqualTo("updated");
            assertThat(second.path("documentId").asText()).isEqualTo(id);
            assertThat(topHit(question).path("content").asText()).contains("650 mm");
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE content LIKE '%600 mm long%'"))
                    .isZero();
            assertThat(Uploads.document(api, admin, second).path("chunkCount").asInt())
                    .isEqualTo(second.path("chunksTotal").asInt());
        }
    }

    @Nested
    @DisplayName("a job whose replica died")
    class Abandoned {

        /** A job as a replica leaves it when it dies mid-run: claimed, staged in part, its heartbeat stopped. */
        private UUID abandonedJob(String sourceName, String markdown, int attempts) throws Exception {
            UUID id = UUID.randomUUID();
            byte[] content = markdown.getBytes(StandardCharsets.UTF_8);
            try (Connection connection = APP.database().connect()) {
                // In one transaction: the replicas see the job as the dead one left it, all at once.
                connection.setAutoCommit(false);
                try (PreparedStatement job = connection.prepareStatement("""
                        INSERT INTO ingestion_jobs (id, file_name, media_type, size_bytes, source_name, status, claim_token,
                                                    claimed_by, attempts, heartbeat_at, started_at, chunks_total,
                                                    chunks_embedded, created_at)
                        VALUES (?, ?, 'text/markdown', ?, ?, 'embedding', gen_random_uuid(), 'replica-that-died', ?,
                                now() - interval '10 minutes', now() - interval '11 minutes', 2, 1,
                                now() - interval '12 minutes')""")) {
                    job.setObject(1, id);
                    job.setString(2, sourceName);
                    job.setInt(3, content.length);
                    job.setString(4, sourceName);
                    job.setInt(5, attempts);
                    job.executeUpdate();
                }
                try (PreparedStatement upload = connection.prepareStatement(
                        "INSERT INTO ingestion_uploads (job_id, content) VALUES (?, ?)")) {
                    upload.setObject(1, id);
                    upload.setBytes(2, content);
                    upload.executeUpdate();
                }
                try (PreparedStatement staged = connection.prepareStatement("""
                        INSERT INTO ingestion_staged_chunks (job_id, chunk_index, id, section, content, token_count, embedding)
                        VALUES (?, 0, gen_random_uuid(), 'Stale', 'half-written by the replica that died', 9,
                                array_fill(0.05::real, ARRAY[384])::vector)""")) {
                    staged.setObject(1, id);
                    staged.executeUpdate();
                }
                connection.commit();
            }
            return id;
        }

        @Test
        @DisplayName("is taken over by a live replica and finished, from the start")
        void shouldTakeOverTheJobAndFinishIt() throws Exception {
            UUID id = abandonedJob("halcyon-horn.md",
                    "# Halcyon horn\n\nThe Halcyon horn relay sits behind fuse 41 in the luggage compartment.\n", 1);

            JsonNode job = Uploads.await(api, admin, "/api/v1/documents/jobs/" + id);

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("outcome").asText()).isEqualTo("created");
            assertThat(job.path("chunksTotal").asInt()).isEqualTo(1);
            assertThat(APP.database().count("SELECT attempts FROM ingestion_jobs WHERE id = '" + id + "'")).isEqualTo(2);
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_jobs WHERE id = '" + id
                    + "' AND claimed_by <> 'replica-that-died'")).isEqualTo(1);
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE content LIKE '%replica that died%'"))
                    .as("what the dead run staged is not published").isZero();
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_staged_chunks WHERE job_id = '" + id + "'"))
                    .isZero();
            assertThat(topHit("where is the halcyon horn relay").path("content").asText()).contains("fuse 41");
        }

        @Test
        @DisplayName("is failed with its reason once its replicas died as often as it may be tried")
        void shouldFailTheJobAfterItsLastAttempt() throws Exception {
            UUID id = abandonedJob("halcyon-cursed.md", "# Halcyon cursed\n\nThis manual's replicas keep dying.\n", 3);

            JsonNode job = Uploads.await(api, admin, "/api/v1/documents/jobs/" + id);

            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("worker_lost");
            assertThat(job.path("error").path("message").asText())
                    .isEqualTo("the replica running this job stopped before it finished, 3 times; upload the document again");
            assertThat(APP.database().count("SELECT count(*) FROM documents WHERE source_name = 'halcyon-cursed.md'")).isZero();
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_staged_chunks WHERE job_id = '" + id + "'"))
                    .isZero();
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_uploads WHERE job_id = '" + id + "'")).isZero();
        }
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {

        private static final String DONE = "rag_ingestion_jobs_finished_total{outcome=\"done\",}";
        private static final String FAILED = "rag_ingestion_jobs_finished_total{outcome=\"failed\",}";

        @Test
        @DisplayName("count jobs by state and the jobs finished here by outcome")
        void shouldExportJobCountsAndOutcomes() {
            double doneBefore = metric(DONE);
            double failedBefore = metric(FAILED);

            Uploads.finished(api, admin, postFile("broken.pdf", "application/pdf",
                    "%PDF-1.7 not really".getBytes(StandardCharsets.UTF_8)));
            Uploads.done(api, admin, api.post("/api/v1/documents", Map.of("title", "Metrics",
                    "content", "The Halcyon rear fog lamp is an H21W bulb."), admin));

            // The job is visible as finished a moment before its replica counts it.
            awaitMetric(DONE, doneBefore + 1);
            awaitMetric(FAILED, failedBefore + 1);
            String metrics = api.get("/api/v1/metrics", null).text();
            for (String state : List.of("queued", "running", "done", "failed")) {
                assertThat(metrics).containsPattern("(?m)^rag_ingestion_jobs\\{state=\"" + state + "\",} \\d+");
            }
            assertThat(metrics).containsPattern("(?m)^rag_ingestion_duration_seconds_count [1-9]");
        }

        private static double metric(String series) {
            Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                    .matcher(api.get("/api/v1/metrics", null).text());
            assertThat(value.find()).as(series).isTrue();
            return Double.parseDouble(value.group(1));
        }

        private static void awaitMetric(String series, double expected) {
            for (int tries = 0; metric(series) != expected; tries++) {
                assertThat(tries).as(series + " never reached " + expected).isLessThan(100);
                Uploads.pause(Duration.ofMillis(100));
            }
        }
    }
}
