package com.genaiauto.rag.service;

import com.genaiauto.rag.model.EvalQuestion;
import com.genaiauto.rag.model.EvalResult;
import java.util.List;

/** Rank metrics over retrieved documents (by source name): hit@k, reciprocal rank, precision@k. */
public final class RetrievalMetrics {

    private RetrievalMetrics() {
    }

    /** Scores one question; {@code retrievedChunks} are source names of the chunks, best first. */
    public static EvalResult score(EvalQuestion question, List<String> retrievedChunks, int k) {
        List<String> top = retrievedChunks.stream().limit(k).toList();
        List<String> documents = top.stream().distinct().toList();
        Integer firstHit = null;
        for (int i = 0; i < documents.size(); i++) {
            if (question.expected().contains(documents.get(i))) {
                firstHit = i + 1;
                break;
            }
        }
        long relevantChunks = top.stream().filter(question.expected()::contains).count();
        double precision = top.isEmpty() ? 0 : (double) relevantChunks / k;
        return new EvalResult(question.id(), question.question(), question.expected(), documents, firstHit,
                firstHit == null ? 0 : 1.0 / firstHit, precision, null);
    }

    /** Aggregates: hit@1, hit@k, mean reciprocal rank, mean precision@k. */
    public static Summary summarise(List<EvalResult> results, int k) {
        if (results.isEmpty()) {
            return new Summary(0, 0, 0, 0, 0);
        }
        double hit1 = results.stream().filter(r -> r.firstHitRank() != null && r.firstHitRank() == 1).count();
        double hitK = results.stream().filter(r -> r.firstHitRank() != null && r.firstHitRank() <= k).count();
        double mrr = results.stream().mapToDouble(EvalResult::reciprocalRank).sum();
        double precision = results.stream().mapToDouble(EvalResult::precisionAtK).sum();
        int n = results.size();
        return new Summary(n, hit1 / n, hitK / n, mrr / n, precision / n);
    }

    /** Figures of a whole run. */
    public record Summary(int questions, double hitAt1, double hitAtK, double mrr, double precisionAtK) {
    }
}
