package com.genaiauto.rag.model;

import java.util.List;

/** Search hits plus what the caller needs to judge them: the best similarity seen and the threshold. */
public record SearchResults(String query, SearchMode mode, List<SearchHit> results, double topSimilarity,
                            double minSimilarity, double tookMs) {

    public SearchResults {
        results = List.copyOf(results);
    }
}
