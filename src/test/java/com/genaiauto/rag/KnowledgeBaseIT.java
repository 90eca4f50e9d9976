package com.genaiauto.rag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Knowledge base: upload, search, replace, delete (real pgvector, real model)")
class KnowledgeBaseIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config.set("rag.maxUploadSize", "256KiB"));

    private static Api api;
    private static String admin;

    private static final String COOLANT = """
            # Zephyr Coolant Guide

            ## Coolant specification
            The Zephyr uses a violet long-life coolant, ZX-9 phosphate-free formula, mixed 50/50 with demineralised water.
            Capacity of the cooling circuit is 6.8 litres.

            ## Replacing the coolant
            Replace the coolant every 160,000 km or 10 years, whichever comes first. Never open the expansion tank cap
            while the engine is hot.
            """;

    @BeforeAll
    static void signIn() {
        api = APP.api();
        admin = new Accounts(api).admin().accessToken();
    }

    /** The upload as answered: 202 with its job, or a refusal. */
    private static Api.Reply postText(String title, String sourceName, String content, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "sourceName", sourceName, "content", content,
                "contentType", "text/markdown", "type", "manual"));
        body.putAll(extra);
        return api.post("/api/v1/documents", body, admin);
    }

    /** The upload's job once it is done. */
    private static JsonNode uploadText(String title, String sourceName, String content, Map<String, Object> extra) {
        return Uploads.done(api, admin, postText(title, sourceName, content, extra));
    }

    private static JsonNode uploadFile(DocumentFixtures.Multipart form) {
        return Uploads.done(api, admin, api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin));
    }

    private static JsonNode search(String query, Map<String, Object> filters) {
        Map<String, Object> body = new HashMap<>(Map.of("query", query, "topK", 5));
        if (filters != null) {
            body.put("filters", filters);
        }
        Api.Reply reply = api.post("/api/v1/search", body, admin);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> sources(JsonNode results) {
        List<String> names = new ArrayList<>();
        results.path("results").forEach(hit -> names.add(hit.path("sourceName").asText()));
        return names;
    }


    @Nested
    @DisplayName("a Markdown document")
    class Markdown {

        @Test
        void shouldBeFoundBySearchWithBothRetrieversScoresAndItsSection() {
            JsonNode created = uploadText("Zephyr Coolant Guide", "zephyr-coolant", COOLANT, Map.of());
            assertThat(created.path("outcome").asText()).isEqualTo("created");
            assertThat(created.path("chunksTotal").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(created.path("chunksEmbedded").asInt()).isEqualTo(created.path("chunksTotal").asInt());
            assertThat(Uploads.document(api, admin, created).path("chunkCount").asInt())
                    .isEqualTo(created.path("chunksTotal").asInt());

            JsonNode found = search("what antifreeze does the zephyr take and how much", null);
            JsonNode top = found.path("results").get(0);
            assertThat(top.path("sourceName").asText()).startsWith("zephyr-coolant");
            assertThat(top.path("section").asText()).contains("Zephyr Coolant Guide > Coolant specification");
            assertThat(top.path("vectorScore").asDouble()).isGreaterThan(0.6);
            assertThat(top.path("textScore").asDouble()).isPositive();
            assertThat(top.path("score").asDouble()).isPositive();
            assertThat(top.path("vectorRank").asInt()).isEqualTo(1);
        }

        @Test
        void shouldNotEmbedIdenticalContentTwice() {
            uploadText("Zephyr Coolant Guide", "zephyr-coolant-dupe", COOLANT + "\nDuplicate check.\n", Map.of());
            long chunks = APP.database().count("SELECT count(*) FROM document_chunks");
            JsonNode again = uploadText("Zephyr Coolant Guide", "zephyr-coolant-dupe", COOLANT + "\nDuplicate check.\n", Map.of());
            assertThat(again.path("outcome").asText()).isEqualTo("unchanged");
            JsonNode otherName = uploadText("Copy", "copy-of-coolant", COOLANT + "\nDuplicate check.\n", Map.of());
            assertThat(otherName.path("outcome").asText()).isEqualTo("unchanged");
            assertThat(Uploads.document(api, admin, otherName).path("sourceName").asText()).isEqualTo("zephyr-coolant-dupe");
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks")).isEqualTo(chunks);
        }

        @Test
        void shouldReplaceTheChunksWhenTheContentChanges() {
            uploadText("Wiper Guide", "zephyr-wipers", "# Wipers\n\nThe Zephyr wiper blades are 650 mm and 400 mm.\n", Map.of());
            JsonNode updated = uploadText("Wiper Guide", "zephyr-wipers",
                    "# Wipers\n\nThe Zephyr uses aerodynamic flat blades of 600 mm driver side and 375 mm passenger side.\n",
                    Map.of());
            assertThat(updated.path("outcome").asText()).isEqualTo("updated");
            String id = updated.path("documentId").asText();
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '" + id + "' AND content LIKE '%650 mm%'"))
                    .isZero();
            JsonNode found = search("zephyr wiper blade length", null);
            assertThat(found.path("results").get(0).path("content").asText()).contains("600 mm");
        }

        @Test
        void shouldRemoveTheDocumentAndItsChunksOnDelete() {
            JsonNode created = uploadText("Sunroof Guide", "zephyr-sunroof",
                    "# Sunroof\n\nTo reset the Zephyr panoramic sunroof, hold the close button for ten seconds.\n", Map.of());
            String id = created.path("documentId").asText();
            assertThat(api.delete("/api/v1/documents/" + id, admin).status()).isEqualTo(204);
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE document_id = '" + id + "'")).isZero();
            assertThat(sources(search("reset the panoramic sunroof", null))).doesNotContain("zephyr-sunroof");
            assertThat(api.delete("/api/v1/documents/" + id, admin).status()).isEqualTo(404);
        }
    }

    @Nested
    @DisplayName("search")
    class Search {

        @Test
        void shouldApplyMetadataFiltersInsideTheQuery() {
            uploadText("Orion towing", "orion-towing", "# Towing\n\nThe Orion may tow a braked trailer of 1,500 kg.\n",
                    Map.of("model", "Orion", "make", "Kestrel"));
            uploadText("Lyra towing", "lyra-towing", "# Towing\n\nThe Lyra may tow a braked trailer of 750 kg.\n",
                    Map.of("model", "Lyra", "make", "Kestrel"));
            assertThat(sources(search("how heavy a trailer can I tow", Map.of("model", "Lyra"))))
                    .contains("lyra-towing").doesNotContain("orion-towing");
            assertThat(sources(search("how heavy a trailer can I tow", Map.of("model", "Orion"))))
                    .contains("orion-towing").doesNotContain("lyra-towing");
            assertThat(sources(search("how heavy a trailer can I tow", Map.of("type", "faq"))))
                    .doesNotContain("orion-towing", "lyra-towing");
        }

        @Test
        void shouldAnswerOffTopicQuestionsWithNothing() {
            uploadText("Zephyr Coolant Guide", "zephyr-coolant-offtopic", COOLANT + "\nOff-topic check.\n", Map.of());
            JsonNode results = search("what is a good recipe for banana bread", null);
            assertThat(results.path("results")).isEmpty();
            assertThat(results.path("topSimilarity").asDouble()).isLessThan(results.path("minSimilarity").asDouble());
        }

        @Test
        void shouldRankOnlyVectorsOfTheCurrentModelAndFindTheRestByTheirWords() throws Exception {
            JsonNode created = uploadText("Horn Guide", "zephyr-horn",
                    "# Horn\n\nThe Zephyr twin-tone horn is fused at 15 amperes in the engine bay fuse box.\n", Map.of());
            String id = created.path("documentId").asText();
            String query = "zephyr twin-tone horn fuse amperes";
            assertThat(sources(searchIn("vector", query))).contains("zephyr-horn");
            try (var connection = APP.database().connect(); var statement = connection.createStatement()) {
                statement.execute("UPDATE document_chunks SET embedding_model = 'an-older-model' WHERE document_id = '" + id + "'");
            }
            assertThat(sources(searchIn("vector", query))).doesNotContain("zephyr-horn");
            assertThat(sources(searchIn("text", query))).contains("zephyr-horn");
        }

        private JsonNode searchIn(String mode, String query) {
            Api.Reply reply = api.post("/api/v1/search", Map.of("query", query, "topK", 10, "mode", mode), admin);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            return reply.json();
        }

        @Test
        void shouldRejectABlankQueryAndAnOversizedTopK() {
            assertThat(api.post("/api/v1/search", Map.of("query", " "), admin).status()).isEqualTo(422);
            assertThat(api.post("/api/v1/search", Map.of("query", "tyres", "topK", 500), admin).status()).isEqualTo(422);
        }

        @Test
        void shouldCacheQueryEmbeddingsInRedis() {
            search("cache me if you can: brake fluid interval", null);
            var client = io.lettuce.core.RedisClient.create(APP.redis().url());
            try (var connection = client.connect()) {
                assertThat(connection.sync().keys("genai:embedding:bge-small-en-v1.5:q:*")).isNotEmpty();
                assertThat(connection.sync().keys("genai:embedding:bge-small-en-v1.5:p:*")).isNotEmpty();
            } finally {
                client.shutdown();
            }
        }
    }

    @Nested
    @DisplayName("file formats")
    class Formats {

        @Test
        void shouldReadAPdf() {
            var form = DocumentFixtures.multipart("glovebox.pdf", "application/pdf", DocumentFixtures.pdf(
                    "Glovebox light", "The Zephyr glovebox lamp uses a W5W bulb rated 12 volts 5 watts.",
                    "Replace it by unclipping the lens with a plastic trim tool."), "type", "manual");
            JsonNode job = uploadFile(form);
            assertThat(job.path("fileName").asText()).isEqualTo("glovebox.pdf");
            assertThat(Uploads.document(api, admin, job).path("contentType").asText()).isEqualTo("application/pdf");
            assertThat(search("which bulb is in the glovebox lamp", null).path("results").get(0).path("content").asText())
                    .contains("W5W");
        }

        @Test
        void shouldReadHtmlWithoutScriptsOrNavigation() {
            String html = """
                    <html><head><title>Zephyr key card</title><script>var secretToken = 'xyzzy-script';</script></head>
                    <body><nav>Home | Models | Dealers</nav><h1>Key card</h1>
                    <h2>Lost key card</h2><p>A lost Zephyr key card can be blocked in the owner app under Security.</p>
                    <ul><li>Open the app</li><li>Choose Security</li><li>Block the card</li></ul></body></html>""";
            var form = DocumentFixtures.multipart("keycard.html", "text/html", html.getBytes(StandardCharsets.UTF_8));
            JsonNode job = uploadFile(form);
            assertThat(Uploads.document(api, admin, job).path("title").asText()).isEqualTo("Zephyr key card");
            JsonNode top = search("I lost my key card, how do I block it", null).path("results").get(0);
            assertThat(top.path("section").asText()).contains("Lost key card");
            assertThat(top.path("content").asText()).contains("- Choose Security");
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks WHERE content LIKE '%xyzzy-script%' OR content LIKE '%Dealers%'"))
                    .isZero();
        }

        @Test
        void shouldReadADocxWithItsTable() {
            byte[] docx = DocumentFixtures.docx("Zephyr bulbs", "Bulb types for the Zephyr exterior lights.",
                    new String[][] {{"Light", "Bulb"}, {"Fog lamp", "H11"}, {"Reverse lamp", "W16W"}});
            var form = DocumentFixtures.multipart("bulbs.docx", "application/octet-stream", docx);
            uploadFile(form);
            assertThat(search("fog lamp bulb type", null).path("results").get(0).path("content").asText())
                    .contains("| Fog lamp | H11 |");
        }
    }

    @Nested
    @DisplayName("bad uploads")
    class BadUploads {

        @Test
        void shouldFailTheJobOfADamagedPdfWithItsReasonAndWriteNothing() {
            long documents = APP.database().count("SELECT count(*) FROM documents");
            long chunks = APP.database().count("SELECT count(*) FROM document_chunks");
            var form = DocumentFixtures.multipart("broken.pdf", "application/pdf",
                    "%PDF-1.7 this is not really a pdf".getBytes(StandardCharsets.UTF_8));
            JsonNode job = Uploads.finished(api, admin,
                    api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin));
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("unreadable_document");
            assertThat(job.path("error").path("message").asText())
                    .isEqualTo("cannot read the document: the file is not a readable PDF");
            assertThat(job.path("documentId").isNull()).isTrue();
            assertThat(job.toString()).doesNotContain("Exception", "pdfbox");
            assertWroteNothing(job, documents, chunks);
        }

        @Test
        void shouldFailTheJobOfAFileWithoutTextAndWriteNothing() {
            long documents = APP.database().count("SELECT count(*) FROM documents");
            long chunks = APP.database().count("SELECT count(*) FROM document_chunks");
            var form = DocumentFixtures.multipart("blank.html", "text/html",
                    "<html><head><script>var x = 1;</script></head><body><nav>Home</nav> </body></html>"
                            .getBytes(StandardCharsets.UTF_8));
            JsonNode job = Uploads.finished(api, admin,
                    api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin));
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("empty_document");
            assertThat(job.path("error").path("message").asText()).isEqualTo("the document has no text to index");
            assertWroteNothing(job, documents, chunks);
        }

        private void assertWroteNothing(JsonNode job, long documents, long chunks) {
            String id = job.path("id").asText();
            assertThat(APP.database().count("SELECT count(*) FROM documents")).isEqualTo(documents);
            assertThat(APP.database().count("SELECT count(*) FROM document_chunks")).isEqualTo(chunks);
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_staged_chunks WHERE job_id = '" + id + "'"))
                    .isZero();
            assertThat(APP.database().count("SELECT count(*) FROM ingestion_uploads WHERE job_id = '" + id + "'"))
                    .as("the uploaded bytes are dropped when the job ends").isZero();
        }

        @Test
        void shouldRefuseAnEmptyFileAtOnce() {
            var form = DocumentFixtures.multipart("empty.md", "text/markdown", new byte[0]);
            Api.Reply reply = api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo("validation_failed");
        }

        @Test
        void shouldRejectAnOversizedUploadWith413() {
            byte[] big = "Lorem ipsum dolor sit amet. ".repeat(20_000).getBytes(StandardCharsets.UTF_8);
            var form = DocumentFixtures.multipart("big.txt", "text/plain", big);
            Api.Reply reply = api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.errorCode()).isEqualTo("payload_too_large");
        }

        @Test
        void shouldRejectAnUnsupportedFormatWith415() {
            var form = DocumentFixtures.multipart("photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            Api.Reply reply = api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
            assertThat(reply.status()).isEqualTo(415);
            assertThat(reply.json().path("error").path("details").path("supported").toString()).contains("application/pdf");
        }

        @Test
        void shouldRejectMissingTitleAndInvalidYears() {
            assertThat(api.post("/api/v1/documents", Map.of("content", "text", "title", ""), admin).status()).isEqualTo(422);
            Api.Reply years = postText("Years", "years", "# Years\n\nText.\n", Map.of("yearFrom", 2026, "yearTo", 2020));
            assertThat(years.status()).isEqualTo(422);
            assertThat(years.json().path("error").path("details").path("fields").get(0).path("field").asText())
                    .isEqualTo("yearTo");
        }
    }

    @Nested
    @DisplayName("listing")
    class Listing {

        @Test
        void shouldListDocumentsWithStatusChunkCountsAndStats() {
            uploadText("Zephyr Coolant Guide", "zephyr-coolant-list", COOLANT + "\nListing check.\n", Map.of());
            JsonNode list = api.get("/api/v1/documents?limit=100", admin).json();
            assertThat(list.path("total").asLong()).isPositive();
            JsonNode first = list.path("items").get(0);
            assertThat(first.path("status").asText()).isEqualTo("ready");
            assertThat(first.path("chunkCount").asInt()).isPositive();
            assertThat(list.path("stats").path("chunks").asLong()).isPositive();
            assertThat(list.path("stats").path("embeddingModel").asText()).isEqualTo("bge-small-en-v1.5");
            assertThat(list.path("stats").path("documentsByType").path("manual").asLong()).isPositive();
        }
    }
}
