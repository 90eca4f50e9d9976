package com.genaiauto.conversations.service.agent;

import com.genaiauto.conversations.model.Source;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.service.KnowledgeBase;
import com.genaiauto.customers.model.Vehicle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Retrieval for the agents: the owner's vehicle narrows the search when the manuals cover it. */
final class Sources {

    private Sources() {
    }

    // Retrieval needs the gist of a message, not all of a long one (search takes at most 2000 characters).
    private static final int MAX_QUERY = 1_000;

    /**
     * {@code question} must be the masked text: with a remote embedding endpoint the query leaves
     * the service.
     */
    static List<SearchHit> retrieve(KnowledgeBase knowledgeBase, String question, Vehicle vehicle,
                                    com.genaiauto.rag.model.DocumentType type, int k) {
        if (question.length() > MAX_QUERY) {
            question = question.substring(0, MAX_QUERY);
        }
        if (vehicle != null) {
            List<SearchHit> forVehicle = knowledgeBase.retrieve(question,
                    new SearchFilters(type, vehicle.make(), vehicle.model(), vehicle.modelYear()), k);
            if (!forVehicle.isEmpty()) {
                return forVehicle;
            }
        }
        return knowledgeBase.retrieve(question, new SearchFilters(type, null, null, null), k);
    }

    static List<ContextPassage> passages(List<SearchHit> hits) {
        return hits.stream().map(hit -> new ContextPassage(hit.citation(), hit.sourceName(), hit.content())).toList();
    }

    /** One source per document, best first: an answer cites documents, not chunks. */
    static List<Source> cited(List<SearchHit> hits) {
        Map<String, Source> byDocument = new LinkedHashMap<>();
        for (SearchHit hit : hits) {
            byDocument.putIfAbsent(hit.sourceName(), new Source(hit.title(), lastHeading(hit.section()),
                    hit.sourceName(), hit.documentId(), Math.round(hit.vectorScore() * 1000) / 1000.0));
        }
        return List.copyOf(byDocument.values());
    }

    private static String lastHeading(String section) {
        if (section == null) {
            return null;
        }
        int cut = section.lastIndexOf(" > ");
        return cut < 0 ? section : section.substring(cut + 3);
    }

    /** How sure an answer grounded on these hits can be: driven by the best passage's similarity. */
    static double confidence(List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return 0.3;
        }
        double top = hits.get(0).vectorScore();
        return Math.max(0.3, Math.min(0.97, 0.55 + (top - 0.56) * 2.5));
    }
}
