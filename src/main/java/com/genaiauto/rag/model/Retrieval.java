package com.genaiauto.rag.model;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the knowledge base found for a question: the passages, best first, and the answer units of
 * each passage (in reading order), so that an answer can quote the sentences that answer.
 * {@code topSimilarity} is the best passage's cosine similarity, found or not.
 */
public record Retrieval(List<SearchHit> hits, Map<UUID, List<AnswerUnit>> units, double topSimilarity) {

    public static final Retrieval EMPTY = new Retrieval(List.of(), Map.of(), 0);

    public Retrieval {
        hits = List.copyOf(hits);
        units = Map.copyOf(units);
    }

    public boolean isEmpty() {
        return hits.isEmpty();
    }

    public List<AnswerUnit> unitsOf(SearchHit hit) {
        return units.getOrDefault(hit.chunkId(), List.of());
    }
}
