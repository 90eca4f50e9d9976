package com.genaiauto.rag.service;

import com.genaiauto.platform.tracing.Spans;
import com.genaiauto.rag.model.DocumentedVehicle;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;

/**
 * The knowledge base as the assistant sees it, with a {@code retrieval} span around each search:
 * how many passages were asked for and found, and the best similarity. The question itself is not
 * recorded (it may hold personal data).
 */
public final class TracedKnowledgeBase implements KnowledgeBase {

    static final AttributeKey<Long> REQUESTED = AttributeKey.longKey("genai.retrieval.top_k");
    static final AttributeKey<Long> PASSAGES = AttributeKey.longKey("genai.retrieval.passages");
    static final AttributeKey<Double> TOP_SIMILARITY = AttributeKey.doubleKey("genai.retrieval.top_similarity");

    private final KnowledgeBase search;
    private final Tracer tracer;

    public TracedKnowledgeBase(KnowledgeBase search, Tracer tracer) {
        this.search = search;
        this.tracer = tracer;
    }

    @Override
    public List<SearchHit> retrieve(String query, SearchFilters filters, int k) {
        Span span = start(k);
        return Spans.within(span, () -> {
            List<SearchHit> hits = search.retrieve(query, filters, k);
            span.setAttribute(PASSAGES, (long) hits.size());
            return hits;
        });
    }

    @Override
    public Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k) {
        Span span = start(k);
        return Spans.within(span, () -> found(span, search.retrieve(queryVector, query, filters, k)));
    }

    @Override
    public Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k, double minSimilarity) {
        Span span = start(k);
        return Spans.within(span, () -> found(span, search.retrieve(queryVector, query, filters, k, minSimilarity)));
    }

    @Override
    public List<DocumentedVehicle> documentedVehicles() {
        return search.documentedVehicles();
    }

    private Span start(int k) {
        return tracer.spanBuilder("retrieval").setAttribute(REQUESTED, (long) k).startSpan();
    }

    private static Retrieval found(Span span, Retrieval retrieval) {
        span.setAttribute(PASSAGES, (long) retrieval.hits().size());
        span.setAttribute(TOP_SIMILARITY, retrieval.topSimilarity());
        return retrieval;
    }
}
