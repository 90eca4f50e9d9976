package com.genaiauto.rag.model;

import java.util.List;

/**
 * Search hits plus what the caller needs to judge them: the best similarity seen, the threshold,
 * and the filters that were applied (a customer's own vehicle narrows the search by default).
 */
public record SearchResults(String query, SearchMode mode, List<SearchHit> results, double topSimilarity,
                            double minSimilarity, double tookMs, SearchFilters filters) {

    public SearchResults {
        results = List.copyOf(results);
    }

    public SearchResults withFilters(SearchFilters applied) {
        return new SearchResults(query, mode, results, topSimilarity, minSimilarity, tookMs, applied);
    }
}
