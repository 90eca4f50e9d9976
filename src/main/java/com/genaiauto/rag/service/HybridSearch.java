package com.genaiauto.rag.service;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.dao.HybridSearchDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.model.DocumentedVehicle;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.model.SearchResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Embeds the query, runs the fused retrieval, and drops chunks under the similarity threshold.
 * Records search latency, result count and the best similarity per query.
 */
public final class HybridSearch implements KnowledgeBase {

    public static final int MAX_TOP_K = 50;
    public static final int MAX_QUERY_CHARACTERS = 2_000;
    // How far under the threshold the other chunks of an on-topic answer may be.
    private static final double NEIGHBOUR_MARGIN = 0.1;
    private static final long VEHICLES_TTL_NANOS = 30_000_000_000L;

    private final Embedder embedder;
    private final HybridSearchDao dao;
    private final Jdbi jdbi;
    private final int candidatePool;
    private final double minSimilarity;
    private final Timer latency;
    private final Histogram similarity;
    private final Histogram resultCount;
    private volatile Cached vehicles = new Cached(List.of(), 0);

    private record Cached(List<DocumentedVehicle> vehicles, long loadedAt) {
    }

    public HybridSearch(Embedder embedder, HybridSearchDao dao, Jdbi jdbi, int candidatePool, double minSimilarity,
                        MetricRegistry metrics) {
        this.embedder = embedder;
        this.dao = dao;
        this.jdbi = jdbi;
        this.candidatePool = candidatePool;
        this.minSimilarity = minSimilarity;
        this.latency = metrics.timer("rag.search_latency");
        // Histograms hold longs: similarity is recorded in thousandths.
        this.similarity = metrics.histogram("rag.similarity_score");
        this.resultCount = metrics.histogram("rag.result_count");
    }

    @Override
    public List<SearchHit> retrieve(String query, SearchFilters filters, int k) {
        return search(query, filters, SearchMode.HYBRID, k).results();
    }

    @Override
    public Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k) {
        return retrieve(queryVector, query, filters, k, minSimilarity);
    }

    @Override
    public Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k, double threshold) {
        SearchResults results = search(queryVector, validate(query, k), filters, SearchMode.HYBRID, k, threshold);
        if (results.results().isEmpty()) {
            return new Retrieval(List.of(), Map.of(), results.topSimilarity());
        }
        return new Retrieval(results.results(), units(results.results()), results.topSimilarity());
    }

    @Override
    public List<DocumentedVehicle> documentedVehicles() {
        Cached current = vehicles;
        if (System.nanoTime() - current.loadedAt() > VEHICLES_TTL_NANOS || current.loadedAt() == 0) {
            List<DocumentedVehicle> loaded = jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT DISTINCT make, model FROM documents WHERE make IS NOT NULL AND model IS NOT NULL "
                            + "AND status = 'ready' ORDER BY make, model")
                    .map((rs, ctx) -> new DocumentedVehicle(rs.getString("make"), rs.getString("model"))).list());
            current = new Cached(loaded, System.nanoTime());
            vehicles = current;
        }
        return current.vehicles();
    }

    public SearchResults search(String query, SearchFilters filters, SearchMode mode, int topK) {
        String text = validate(query, topK);
        return search(embedder.embedQuery(text), text, filters, mode, topK, minSimilarity);
    }

    private SearchResults search(float[] vector, String text, SearchFilters filters, SearchMode mode, int topK,
                                 double threshold) {
        long started = System.nanoTime();
        try (Timer.Context ignored = latency.time()) {
            int candidates = Math.max(candidatePool, topK * 2);
            SearchFilters applied = filters == null ? SearchFilters.NONE : filters;
            List<SearchHit> fetched = dao.search(vector, text, applied, mode, candidates, topK * 2);
            double top = fetched.stream().mapToDouble(SearchHit::vectorScore).max().orElse(0);
            // The best chunk must clear the threshold for the question to count as on-topic; the
            // others then only need to be near it. Text-only search is left unfiltered: it exists
            // to measure full-text ranking alone.
            boolean onTopic = top >= threshold;
            List<SearchHit> kept = mode == SearchMode.TEXT ? fetched.stream().limit(topK).toList()
                    : !onTopic ? List.of()
                    : fetched.stream().filter(hit -> hit.vectorScore() >= threshold - NEIGHBOUR_MARGIN)
                    .limit(topK).toList();
            similarity.update(Math.round(top * 1000));
            resultCount.update(kept.size());
            return new SearchResults(text, mode, kept, top, threshold, (System.nanoTime() - started) / 1e6, applied);
        }
    }

    /**
     * The answer units of the hits. Units written before the current embedding model (or by a
     * version that stored none) are embedded now: slower, never wrong.
     */
    private Map<UUID, List<AnswerUnit>> units(List<SearchHit> hits) {
        UUID[] ids = hits.stream().map(SearchHit::chunkId).distinct().toArray(UUID[]::new);
        List<ChunkUnitDao.StoredUnit> stored = jdbi.onDemand(ChunkUnitDao.class).forChunks(ids, embedder.model());
        Map<UUID, List<AnswerUnit>> byChunk = new LinkedHashMap<>();
        List<AnswerUnit> unembedded = new ArrayList<>();
        for (ChunkUnitDao.StoredUnit row : stored) {
            AnswerUnit unit = row.toUnit();
            byChunk.computeIfAbsent(unit.chunkId(), id -> new ArrayList<>()).add(unit);
            if (unit.vector() == null) {
                unembedded.add(unit);
            }
        }
        for (SearchHit hit : hits) {
            if (!byChunk.containsKey(hit.chunkId())) {
                List<AnswerUnit> split = new ArrayList<>();
                int ordinal = 0;
                for (var draft : com.genaiauto.rag.parse.AnswerUnits.split(hit.content())) {
                    AnswerUnit unit = new AnswerUnit(hit.chunkId(), ordinal++, draft.kind(), draft.text(), draft.context(), null);
                    split.add(unit);
                    unembedded.add(unit);
                }
                byChunk.put(hit.chunkId(), split);
            }
        }
        if (!unembedded.isEmpty()) {
            Map<UUID, String> headings = new LinkedHashMap<>();
            hits.forEach(hit -> headings.put(hit.chunkId(), Chunk.lastHeading(hit.section())));
            List<float[]> vectors = embedder.embedPassages(unembedded.stream().map(unit -> AnswerUnit.embeddingText(
                    headings.get(unit.chunkId()), unit.kind(), unit.text(), unit.context())).toList());
            Map<String, float[]> byKey = new LinkedHashMap<>();
            for (int i = 0; i < unembedded.size(); i++) {
                byKey.put(unembedded.get(i).chunkId() + ":" + unembedded.get(i).ordinal(), vectors.get(i));
            }
            byChunk.replaceAll((chunk, units) -> units.stream().map(unit -> unit.vector() != null ? unit
                    : new AnswerUnit(unit.chunkId(), unit.ordinal(), unit.kind(), unit.text(), unit.context(),
                    byKey.get(unit.chunkId() + ":" + unit.ordinal()))).toList());
        }
        return byChunk;
    }

    private static String validate(String query, int topK) {
        if (query == null || query.isBlank()) {
            throw new UnprocessableException("query must not be blank");
        }
        if (query.length() > MAX_QUERY_CHARACTERS) {
            throw new UnprocessableException("query must be at most " + MAX_QUERY_CHARACTERS + " characters");
        }
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new UnprocessableException("topK must be between 1 and " + MAX_TOP_K);
        }
        return query.strip();
    }
}
