package com.genaiauto.rag.service;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.rag.dao.HybridSearchDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.model.SearchResults;
import java.util.List;

/**
 * Embeds the query, runs the fused retrieval, and drops chunks under the similarity threshold.
 * Records search latency, result count and the best similarity per query.
 */
public final class HybridSearch implements KnowledgeBase {

    public static final int MAX_TOP_K = 50;
    public static final int MAX_QUERY_CHARACTERS = 2_000;
    // How far under the threshold the other chunks of an on-topic answer may be.
    private static final double NEIGHBOUR_MARGIN = 0.1;

    private final Embedder embedder;
    private final HybridSearchDao dao;
    private final int candidatePool;
    private final double minSimilarity;
    private final Timer latency;
    private final Histogram similarity;
    private final Histogram resultCount;

    public HybridSearch(Embedder embedder, HybridSearchDao dao, int candidatePool, double minSimilarity,
                        MetricRegistry metrics) {
        this.embedder = embedder;
        this.dao = dao;
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

    public SearchResults search(String query, SearchFilters filters, SearchMode mode, int topK) {
        String text = validate(query, topK);
        long started = System.nanoTime();
        try (Timer.Context ignored = latency.time()) {
            float[] vector = embedder.embedQuery(text);
            int candidates = Math.max(candidatePool, topK * 2);
            List<SearchHit> fetched = dao.search(vector, text, filters == null ? SearchFilters.NONE : filters, mode,
                    candidates, topK * 2);
            double top = fetched.stream().mapToDouble(SearchHit::vectorScore).max().orElse(0);
            // The best chunk must clear the threshold for the question to count as on-topic; the
            // others then only need to be near it. Text-only search is left unfiltered: it exists
            // to measure full-text ranking alone.
            boolean onTopic = top >= minSimilarity;
            List<SearchHit> kept = mode == SearchMode.TEXT ? fetched.stream().limit(topK).toList()
                    : !onTopic ? List.of()
                    : fetched.stream().filter(hit -> hit.vectorScore() >= minSimilarity - NEIGHBOUR_MARGIN)
                    .limit(topK).toList();
            similarity.update(Math.round(top * 1000));
            resultCount.update(kept.size());
            return new SearchResults(text, mode, kept, top, minSimilarity, (System.nanoTime() - started) / 1e6);
        }
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
