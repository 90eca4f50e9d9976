package com.genaiauto.bench;

import com.genaiauto.rag.dao.HybridSearchDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import com.genaiauto.rag.embed.Vectors;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.parse.MarkdownParser;
import com.genaiauto.rag.service.DemoDocument;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.testing.KnowledgeBaseRig;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge base at scale: 100,000 chunks whose vectors have the structure of real embeddings
 * (a low-rank mixture: each chunk mixes two of 300 topic directions plus noise, so neighbourhoods
 * are clustered as with text, not uniform), with topic words in their text for the full-text side.
 * Measures index build time, HNSW recall@10 against exact search with and without a metadata
 * filter, hybrid search latency without and with the query embedding, and ingestion throughput
 * against the raw model. Prints figures; asserts nothing. Run with {@code bench/scale}.
 */
public final class ScaleBenchmark {

    private static final int DIMENSION = 384;
    private static final int EF_SEARCH = 100;
    private static final int TOPICS = 300;
    private static final int DOCUMENTS = 1_000;
    private static final String[] MODELS = {"Arden", "Brio Hybrid", "Volta"};
    private static final String[] WORDS = ("brake tyre battery charge coolant oil filter pressure warning light engine "
            + "motor inverter cable socket wiper washer airbag seat belt door lock key fob app update screen phone "
            + "range winter heat pump towing trailer hitch jack wheel bolt torque spare sealant rotation tread noise "
            + "vibration smell smoke steam fuel pump hose recall warranty service interval schedule fluid gearbox "
            + "clutch steering suspension alignment headlamp bulb fuse relay sensor camera radar parking").split(" ");
    // A vocabulary with the skew of real text: 20,000 made-up words, drawn with a Zipf law, and 40
    // characteristic words per topic, so full-text matches are as selective as in a real corpus.
    private static final String[] SYLLABLES = "ka ro mi tes van lo bri dun sel ap or qui zen tal mor pex ul fi gra won".split(" ");
    private static final int VOCABULARY = 20_000;
    private static final int TOPIC_WORDS = 40;

    // A small grammar of owner's-manual sentences, embedded by the real model ("model" vectors).
    private static final String[] PARTS = ("front brake pads|rear brake discs|12 V battery|traction battery|coolant|"
            + "charge port|rear wiper|tyre pressure sensor|inverter pump|cabin filter|key fob|infotainment screen|"
            + "hybrid battery fan|parking brake|headlamp|windscreen washer|air conditioning|engine oil|gearbox oil|"
            + "power steering|front suspension|wheel bolts|spare wheel|tow bar|roof rails|seat belt pretensioner|"
            + "airbag module|fuel pump|spark plugs|air filter|timing chain|brake fluid|heat pump|onboard charger|"
            + "charging cable|door lock|tailgate|sunroof|heated seats|lane assist camera").split("\\|");
    private static final String[] ACTIONS = ("should be checked|must be replaced|may squeal|can overheat|needs inspecting|"
            + "is topped up|wears faster|has to be reset|shows a warning|can fail|is recalibrated|must be tightened|"
            + "is cleaned|is updated over the air|makes a clicking noise|loses pressure|drains quickly|"
            + "stops working|is covered by the warranty|is serviced by the dealer").split("\\|");
    private static final String[] CONDITIONS = ("every 15,000 km|after a cold night|when towing a trailer|on the Volta|"
            + "on the Arden|on the Brio Hybrid|in winter|at the annual service|after fast charging|"
            + "if the warning light stays on|after driving through deep water|when the car is parked for weeks|"
            + "after hitting a pothole|during a long motorway trip|when the temperature drops below zero|"
            + "after a software update|every two years|at 60,000 km|when the battery is below 20 percent|"
            + "after a tyre change").split("\\|");

    private static String manualSentence(int part, Random random) {
        return "The " + PARTS[part] + " " + ACTIONS[random.nextInt(ACTIONS.length)] + " "
                + CONDITIONS[random.nextInt(CONDITIONS.length)] + ".";
    }

    private static String ownerQuestion(Random random) {
        return "why does the " + PARTS[random.nextInt(PARTS.length)] + " " + ACTIONS[random.nextInt(ACTIONS.length)]
                .replace("should be", "need to be").replace("must be", "have to be") + " "
                + CONDITIONS[random.nextInt(CONDITIONS.length)] + "?";
    }

    private static String word(int index) {
        StringBuilder word = new StringBuilder();
        int n = index + 21;
        while (n > 0) {
            word.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        }
        return word.toString();
    }

    private static String topicWord(int topic, Random random) {
        return word(topic * TOPIC_WORDS + random.nextInt(TOPIC_WORDS));
    }

    private static String commonWord(Random random) {
        // Inverse-CDF sample of an approximate Zipf(1) over the vocabulary.
        double u = random.nextDouble();
        int rank = (int) Math.floor(Math.exp(u * Math.log(VOCABULARY))) - 1;
        return word(TOPICS * TOPIC_WORDS + rank);
    }

    private static final String OTHER_MAKE = "Norvane";
    private static final String OTHER_MODEL = "Lumora";

    public static void main(String[] args) throws Exception {
        int chunks = Integer.getInteger("bench.chunks", 100_000);
        int queries = Integer.getInteger("bench.queries", 200);
        Random random = new Random(42);
        float[][] topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            topics[t] = gaussian(random, 1.0f);
        }
        boolean realVectors = !"mixture".equals(System.getProperty("bench.vectors", "model"));
        try (KnowledgeBaseRig rig = KnowledgeBaseRig.withLocalModel(0.0, 0.5)) {
            System.err.printf(Locale.ROOT, "Scale benchmark: %,d chunks x %d dimensions, %d queries, vectors: %s%n", chunks,
                    DIMENSION, queries, realVectors ? "BGE small embeddings of generated manual sentences"
                            : "low-rank mixture (300 topics + noise)");
            long started = System.nanoTime();
            load(rig, chunks, topics, random, realVectors);
            System.err.printf(Locale.ROOT, "Generated%s and loaded the rows without the vector index: %.1f s%n",
                    realVectors ? ", embedded" : "", seconds(started));
            started = System.nanoTime();
            rig.jdbi.useHandle(handle -> {
                handle.execute("SET maintenance_work_mem = '1GB'");
                handle.execute("CREATE INDEX document_chunks_embedding_hnsw ON document_chunks "
                        + "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
                handle.execute("ANALYZE documents");
                handle.execute("ANALYZE document_chunks");
            });
            System.err.printf(Locale.ROOT, "HNSW index build (m=16, ef_construction=64): %.1f s%n%n", seconds(started));
            started = System.nanoTime();
            rig.commonLexemes.refresh();
            System.err.printf(Locale.ROOT, "Common words counted (ts_stat): %d in %.1f s%n%n", rig.commonLexemes.get().size(),
                    seconds(started));
            if (Boolean.getBoolean("bench.loadOnly")) {
                return;
            }

            List<float[]> queryVectors = new ArrayList<>();
            List<String> queryTexts = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                if (realVectors) {
                    String question = ownerQuestion(random);
                    queryTexts.add(question);
                    queryVectors.add(rig.embedder.embedQuery(question));
                } else {
                    int a = random.nextInt(TOPICS);
                    int b = random.nextInt(TOPICS);
                    queryVectors.add(mix(topics[a], topics[b], random));
                    queryTexts.add(topicWord(a, random) + " " + topicWord(a, random) + " " + topicWord(b, random) + " "
                            + commonWord(random));
                }
            }
            SearchFilters volta = new SearchFilters(null, null, "Volta", null);
            // An owner's vehicle filter when their make holds 5 % of the knowledge base.
            SearchFilters ownerOfOtherMake = SearchFilters.forVehicle(OTHER_MAKE, OTHER_MODEL, 2025);
            SearchFilters voltaBulletins = new SearchFilters(DocumentType.SERVICE_BULLETIN, null, "Volta", null);
            System.err.println("| ef_search | recall@10 (no filter) | recall@10 (model = Volta) | vector search p50 / p95 (ms) |");
            System.err.println("|---|---|---|---|");
            for (int ef : new int[] {100, 200, 400}) {
                HybridSearchDao dao = new HybridSearchDao(rig.jdbi, ef, 0.5, rig.commonLexemes, rig.embedder.model());
                double[] vectorLatency = latency(dao, queryVectors, queryTexts, SearchFilters.NONE, SearchMode.VECTOR);
                System.err.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f / %.2f |%n", ef,
                        recall(rig, dao, queryVectors, SearchFilters.NONE),
                        recall(rig, dao, queryVectors, new SearchFilters(null, null, "Volta", null)),
                        vectorLatency[0], vectorLatency[1]);
            }
            System.err.println();
            System.err.println("| measure | no filter | model = Volta | Volta service bulletins | owner's vehicle, 5 % |");
            System.err.println("|---|---|---|---|---|");
            System.err.printf(Locale.ROOT, "| recall@10, HNSW vs exact (ef_search %d) | %.3f | %.3f | %.3f | %.3f |%n", EF_SEARCH,
                    recall(rig, rig.searchDao, queryVectors, SearchFilters.NONE),
                    recall(rig, rig.searchDao, queryVectors, volta), recall(rig, rig.searchDao, queryVectors, voltaBulletins),
                    recall(rig, rig.searchDao, queryVectors, ownerOfOtherMake));
            double[] none = latency(rig, queryVectors, queryTexts, SearchFilters.NONE);
            double[] filtered = latency(rig, queryVectors, queryTexts, volta);
            double[] narrow = latency(rig, queryVectors, queryTexts, voltaBulletins);
            double[] owner = latency(rig, queryVectors, queryTexts, ownerOfOtherMake);
            System.err.printf(Locale.ROOT, "| hybrid search p50 / p95, no embedding (ms) | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
                            + "| %.2f / %.2f |%n", none[0], none[1], filtered[0], filtered[1], narrow[0], narrow[1], owner[0], owner[1]);
            double[] vectorOnly = latency(rig.searchDao, queryVectors, queryTexts, SearchFilters.NONE, SearchMode.VECTOR);
            double[] textOnly = latency(rig.searchDao, queryVectors, queryTexts, SearchFilters.NONE, SearchMode.TEXT);
            System.err.printf(Locale.ROOT, "| vector only / full-text only p50 (ms) | %.2f / %.2f | | |%n",
                    vectorOnly[0], textOnly[0]);
            double[] embedded = latencyWithEmbedding(rig, queryTexts, queryVectors.size());
            System.err.printf(Locale.ROOT, "| hybrid search p50 / p95, with query embedding (ms) | %.2f / %.2f | | |%n%n",
                    embedded[0], embedded[1]);
        }
        ingestionThroughput();
    }

    private static void load(KnowledgeBaseRig rig, int chunks, float[][] topics, Random random, boolean realVectors)
            throws Exception {
        String[] types = Arrays.stream(DocumentType.values()).map(DocumentType::wire).toArray(String[]::new);
        try (Connection connection = rig.database.connect()) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("DROP INDEX document_chunks_embedding_hnsw");
            PreparedStatement document = connection.prepareStatement("INSERT INTO documents (id, title, doc_type, "
                    + "source_name, content_hash, make, model, status, chunk_count) VALUES (?, ?, ?, ?, ?, ?, ?, 'ready', ?)");
            PreparedStatement chunk = connection.prepareStatement("INSERT INTO document_chunks (id, document_id, "
                    + "chunk_index, section, content, token_count, embedding, embedding_model) VALUES (?, ?, ?, ?, ?, 0, ?, ?)");
            int perDocument = chunks / DOCUMENTS;
            for (int d = 0; d < DOCUMENTS; d++) {
                UUID id = UUID.randomUUID();
                // A fifth of the documents apply to every model (no model column); one in twenty is
                // another make's only model, so that an owner of it searches 5 % of the chunks.
                boolean otherMake = d % 20 == 0;
                String model = otherMake ? OTHER_MODEL : d % 5 == 0 ? null : MODELS[d % 3];
                document.setObject(1, id);
                document.setString(2, "Synthetic document " + d);
                document.setString(3, types[d % types.length]);
                document.setString(4, "synthetic-" + d);
                document.setString(5, "hash-" + d);
                document.setString(6, otherMake ? OTHER_MAKE : "Kestrel");
                document.setString(7, model);
                document.setInt(8, perDocument);
                document.executeUpdate();
                int home = random.nextInt(TOPICS);
                int homePart = random.nextInt(PARTS.length);
                List<String> texts = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int c = 0; c < perDocument; c++) {
                    int a = random.nextFloat() < 0.6f ? home : random.nextInt(TOPICS);
                    int b = random.nextInt(TOPICS);
                    if (realVectors) {
                        int part = random.nextFloat() < 0.6f ? homePart : random.nextInt(PARTS.length);
                        texts.add(manualSentence(part, random) + " " + manualSentence(random.nextInt(PARTS.length), random));
                    } else {
                        texts.add(sentence(a, b, random));
                        vectors.add(mix(topics[a], topics[b], random));
                    }
                }
                if (realVectors) {
                    vectors = rig.embedder.embedPassages(texts);
                }
                for (int c = 0; c < perDocument; c++) {
                    chunk.setObject(1, UUID.randomUUID());
                    chunk.setObject(2, id);
                    chunk.setInt(3, c);
                    chunk.setString(4, "Synthetic document " + d + " > Part " + c);
                    chunk.setString(5, texts.get(c));
                    chunk.setObject(6, new PGvector(vectors.get(c)));
                    chunk.setString(7, rig.embedder.model());
                    chunk.addBatch();
                }
                chunk.executeBatch();
                if (d % 100 == 99) {
                    connection.commit();
                }
            }
            connection.commit();
        }
    }

    private static String sentence(int a, int b, Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            double pick = random.nextDouble();
            String next = pick < 0.25 ? topicWord(a, random) : pick < 0.35 ? topicWord(b, random) : commonWord(random);
            text.append(next).append(i % 12 == 11 ? ". " : " ");
        }
        return text.toString().strip();
    }

    private static double recall(KnowledgeBaseRig rig, HybridSearchDao dao, List<float[]> queries, SearchFilters filters) {
        double found = 0;
        double total = 0;
        for (float[] query : queries) {
            Set<UUID> exact = new HashSet<>(rig.searchDao.exactNeighbours(query, filters, 10));
            List<SearchHit> approximate = dao.search(query, "", filters, SearchMode.VECTOR, 10, 10);
            total += exact.size();
            found += approximate.stream().filter(hit -> exact.contains(hit.chunkId())).count();
        }
        return total == 0 ? 0 : found / total;
    }

    private static double[] latency(KnowledgeBaseRig rig, List<float[]> vectors, List<String> texts,
                                    SearchFilters filters) {
        return latency(rig.searchDao, vectors, texts, filters, SearchMode.HYBRID);
    }

    private static double[] latency(HybridSearchDao dao, List<float[]> vectors, List<String> texts,
                                    SearchFilters filters, SearchMode mode) {
        for (int i = 0; i < Math.min(20, vectors.size()); i++) {
            dao.search(vectors.get(i), texts.get(i), filters, mode, 40, 10);
        }
        double[] millis = new double[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            long started = System.nanoTime();
            dao.search(vectors.get(i), texts.get(i), filters, mode, 40, 10);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return percentiles(millis);
    }

    private static double[] latencyWithEmbedding(KnowledgeBaseRig rig, List<String> texts, int count) {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            String question = "how do I fix the " + WORDS[i % WORDS.length] + " " + texts.get(i) + " on my car";
            long started = System.nanoTime();
            float[] vector = rig.embedder.embedQuery(question);
            rig.searchDao.search(vector, question, SearchFilters.NONE, SearchMode.HYBRID, 40, 10);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return percentiles(millis);
    }

    /** Raw model throughput on the demo knowledge base's chunks, then a full ingestion of the same documents. */
    private static void ingestionThroughput() {
        Chunker chunker = new Chunker(320, 40);
        List<String> texts = new ArrayList<>();
        for (DemoDocument document : KnowledgeBaseSeeder.bundledDocuments()) {
            var parsed = new MarkdownParser().parse(document.markdown());
            chunker.chunk(document.title(), parsed.blocks()).stream().map(Chunk::embeddingText).forEach(texts::add);
        }
        List<String> sentences = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 600; i++) {
            sentences.add("The " + WORDS[random.nextInt(WORDS.length)] + " needs a check when the "
                    + WORDS[random.nextInt(WORDS.length)] + " warning comes on after " + i + " km.");
        }
        try (InProcessBgeEmbedder model = new InProcessBgeEmbedder(Runtime.getRuntime().availableProcessors())) {
            model.embedPassages(texts.subList(0, 32));
            long started = System.nanoTime();
            model.embedPassages(sentences);
            double sentencesPerSecond = sentences.size() / seconds(started);
            started = System.nanoTime();
            model.embedPassages(texts);
            double rawChunks = texts.size() / seconds(started);
            System.err.printf(Locale.ROOT, "Raw model: %.0f short sentences/s; %.1f knowledge-base chunks/s (%d chunks, "
                    + "mean %d characters)%n", sentencesPerSecond, rawChunks, texts.size(),
                    texts.stream().mapToInt(String::length).sum() / texts.size());
            try (KnowledgeBaseRig rig = new KnowledgeBaseRig(new Unclosable(model), 0.56, 0.5)) {
                started = System.nanoTime();
                var report = rig.seeder.seed();
                double ingested = report.chunks() / seconds(started);
                System.err.printf(Locale.ROOT, "Ingestion (parse, chunk, embed, store): %.1f chunks/s = %.0f%% of the raw model%n",
                        ingested, 100 * ingested / rawChunks);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double[] percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1]};
    }

    private static float[] gaussian(Random random, float scale) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian() * scale;
        }
        return vector;
    }

    private static float[] mix(float[] a, float[] b, Random random) {
        float weight = 0.55f + random.nextFloat() * 0.35f;
        float[] noise = gaussian(random, 0.35f);
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = weight * a[i] + (1 - weight) * b[i] + noise[i];
        }
        return Vectors.normalise(vector);
    }

    /** Lets the rig use (and not close) a model this benchmark closes itself. */
    private record Unclosable(Embedder delegate) implements Embedder {
        public String model() {
            return delegate.model();
        }

        public int dimension() {
            return delegate.dimension();
        }

        public List<float[]> embedPassages(List<String> texts) {
            return delegate.embedPassages(texts);
        }

        public float[] embedQuery(String query) {
            return delegate.embedQuery(query);
        }
    }

    private ScaleBenchmark() {
    }
}
