package com.genaiauto.rag.service;

import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;

/** What other modules may ask of the knowledge base: passages relevant to a question, with citations. */
public interface KnowledgeBase {

    /**
     * At most {@code k} passages, best first; empty when nothing is similar enough to the question
     * (an off-topic question gets no passages rather than noise).
     */
    List<SearchHit> retrieve(String query, SearchFilters filters, int k);
}
