package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.rag.GeneratedManual;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.parse.AnswerUnits;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.parse.DocumentFormats;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.genaiauto.testing.Uploads;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingestion of 10 MiB manuals through the API, as an operator uploads them: the time to the 202
 * answer, then to the job's end, read from its event stream; chunks and answer units embedded,
 * chunks per second; the most heap the service used meanwhile (peak of each heap pool since the
 * previous manual, so an upper bound). Two manuals, each in a fresh service, database and Redis
 * (no embedding cached): a PDF as manufacturers publish them (10 MiB, 1.9 MB of it text, the rest
 * illustrations), and 10 MiB of Markdown, the most text the upload limit admits. A search for a
 * passage of the last page runs once the job is done. Figures only: nothing is asserted. Run with
 * {@code bench/ingestion}; {@code -Dbench.manuals=pdf} or {@code =markdown} runs one.
 */
public final class IngestionBenchmark {

    private static final PrintStream OUT = System.err;
    private static final long MIB = 1024 * 1024;
    private static final int RAW_CHUNKS = 320;

    public static void main(String[] args) throws Exception {
        for (String manual : System.getProperty("bench.manuals", "pdf,markdown").split(",")) {
            long started = System.nanoTime();
            byte[] content = manual.strip().equals("pdf")
                    ? GeneratedManual.pdf(4, 1_900_000, 10 * MIB - 16 * 1024)
                    : GeneratedManual.markdown(6, 10_280_000).getBytes(StandardCharsets.UTF_8);
            OUT.printf(Locale.ROOT, "%s: %,d bytes, generated in %.1f s%n", manual, content.length, seconds(started));
            run(manual.strip().equals("pdf") ? "halcyon-manual.pdf" : "halcyon-manual.md",
                    manual.strip().equals("pdf") ? "application/pdf" : "text/markdown", content);
        }
    }

    private static void run(String fileName, String contentType, byte[] content) throws Exception {
        TestDatabase database = TestDatabase.create();
        PrivateRedis redis = PrivateRedis.started();
        DropwizardTestSupport<GenAiAutoConfiguration> app = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, AppConfig.defaults().database(database::jdbcUrl).redis(redis::url)
                .set("logging.level", "WARN").toArray());
        app.before();
        try {
            Api api = new Api(app.getLocalPort());
            String admin = new Accounts(api).admin().accessToken();
            DocumentFixtures.Multipart form = DocumentFixtures.multipart(fileName, contentType, content);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            Api.Reply accepted = api.sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin);
            double answered = seconds(started);
            List<JsonNode> events = Uploads.progressEvents(app.getLocalPort(), admin, accepted.header("Location"));
            double finished = seconds(started);
            JsonNode job = events.get(events.size() - 1);
            int chunks = job.path("chunksTotal").asInt();
            long units = database.count("SELECT count(*) FROM chunk_units");
            double embedding = firstEmbedding(events, started);
            Api.Reply search = api.post("/api/v1/search", Map.of("query",
                    "what torque for the bolts of the halcyon auxiliary coolant pump", "topK", 3), admin);
            OUT.printf(Locale.ROOT, "  202 after %.2f s; job %s after %.1f s (%d progress events); %,d chunks, %,d answer "
                            + "units: %.1f chunks/s over the whole job, %.1f chunks/s once parsed (parsing %.1f s)%n",
                    answered, job.path("status").asText(), finished, events.size(), chunks, units, chunks / finished,
                    chunks / (finished - embedding), embedding);
            OUT.printf(Locale.ROOT, "  peak heap %.0f MiB (-Xmx %.0f MiB); search for the last page: %s%n",
                    peakHeap() / (double) MIB, Runtime.getRuntime().maxMemory() / (double) MIB,
                    search.json().path("results").path(0).path("content").asText().contains("9.5 Nm") ? "found" : "missed");
            double raw = rawModel(contentType, content);
            OUT.printf(Locale.ROOT, "  the raw model on the same texts (first %d chunks with their units, same batches): "
                    + "%.1f chunks/s; the job's embedding phase ran at %.0f%% of it%n", RAW_CHUNKS, raw,
                    100 * chunks / (finished - embedding) / raw);
        } finally {
            app.after();
            redis.stop();
            database.drop();
        }
    }

    /**
     * Chunks per second of the in-process model alone (no parsing, no database) on the manual's
     * first chunks and their answer units, embedded as ingestion does: a figure of the machine's
     * load at the time, against which the job's own speed is read.
     */
    private static double rawModel(String contentType, byte[] content) throws Exception {
        List<Chunk> chunks = new Chunker(320, 40).chunk("Halcyon Owner's Manual",
                DocumentFormats.parserFor(contentType).parse(content).blocks()).subList(0, RAW_CHUNKS);
        try (InProcessBgeEmbedder model = new InProcessBgeEmbedder(Runtime.getRuntime().availableProcessors())) {
            long started = System.nanoTime();
            for (int from = 0; from < chunks.size(); from += 32) {
                List<String> texts = new ArrayList<>();
                for (Chunk chunk : chunks.subList(from, Math.min(chunks.size(), from + 32))) {
                    texts.add(chunk.embeddingText());
                    for (AnswerUnits.Draft unit : AnswerUnits.split(chunk.content())) {
                        texts.add(AnswerUnit.embeddingText(Chunk.lastHeading(chunk.section()), unit.kind(), unit.text(),
                                unit.context()));
                    }
                }
                model.embedPassages(texts);
            }
            return chunks.size() / seconds(started);
        }
    }

    /** Seconds from the upload to the first event of the embedding phase (parsing and chunking done). */
    private static double firstEmbedding(List<JsonNode> events, long started) {
        JsonNode first = events.stream().filter(event -> event.path("status").asText().equals("embedding")).findFirst()
                .orElse(events.get(events.size() - 1));
        JsonNode created = events.get(0);
        return java.time.Duration.between(java.time.Instant.parse(created.path("createdAt").asText()),
                java.time.Instant.parse(first.path("updatedAt").asText())).toMillis() / 1000.0;
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
