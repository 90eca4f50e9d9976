package com.genaiauto.bench;

import com.genaiauto.rag.model.EvalQuestion;
import com.genaiauto.rag.model.EvalResult;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.rag.service.RetrievalEvaluation;
import com.genaiauto.rag.service.RetrievalMetrics;
import com.genaiauto.testing.KnowledgeBaseRig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retrieval quality on the bundled knowledge base and evaluation set: hit@1, hit@5 and MRR for
 * vector only, full-text only and hybrid, plus how the similarity threshold treats off-topic
 * questions. Prints figures; asserts nothing. Run with {@code bench/retrieval}.
 */
public final class RetrievalBenchmark {

    private static final int K = 5;
    private static final List<String> OFF_TOPIC = List.of(
            "What is the capital of Australia?", "Write me a poem about the sea",
            "How do I bake sourdough bread?", "Who won the football world cup in 2014?",
            "What's the weather tomorrow in Paris?", "Recommend a good science fiction novel",
            "How many calories are in a banana?", "Explain quantum entanglement simply",
            "What is the stock price of Apple?", "Translate good morning into Japanese");

    public static void main(String[] args) {
        double threshold = Double.parseDouble(System.getProperty("bench.minSimilarity", "0.56"));
        double[] weights = java.util.Arrays.stream(System.getProperty("bench.textWeights", "0.5").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        for (double weight : weights) {
            run(threshold, weight);
        }
    }

    private static void run(double threshold, double textWeight) {
        try (KnowledgeBaseRig rig = KnowledgeBaseRig.withLocalModel(threshold, textWeight)) {
            long started = System.nanoTime();
            KnowledgeBaseSeeder.Report report = rig.seeder.seed();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf(Locale.ROOT, "Seeded %s in %.1f s (%.0f chunks/s)%n", report, seconds,
                    report.chunks() / seconds);
            List<EvalQuestion> questions = RetrievalEvaluation.builtinQuestions();
            System.err.printf(Locale.ROOT, "%d questions, k = %d, min similarity %.2f, text weight %.2f%n%n",
                    questions.size(), K, threshold, textWeight);
            System.err.println("| retriever | hit@1 | hit@5 | MRR | precision@5 |");
            System.err.println("|---|---|---|---|---|");
            for (SearchMode mode : SearchMode.values()) {
                List<EvalResult> results = new ArrayList<>();
                for (EvalQuestion question : questions) {
                    EvalResult result = rig.evaluation.evaluate(question, mode, K);
                    results.add(result);
                    if (Boolean.getBoolean("bench.verbose") && (result.firstHitRank() == null || result.firstHitRank() > 1)) {
                        System.err.printf("  %s miss(%s) %s -> %s (expected %s)%n", mode.wire(), result.firstHitRank(),
                                question.question(), result.retrieved(), question.expected());
                    }
                }
                RetrievalMetrics.Summary summary = RetrievalMetrics.summarise(results, K);
                System.err.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", mode.wire(), summary.hitAt1(),
                        summary.hitAtK(), summary.mrr(), summary.precisionAtK());
            }
            System.err.println();
            int empty = 0;
            List<Double> offTopicTop = new ArrayList<>();
            for (String question : OFF_TOPIC) {
                var results = rig.search.search(question, SearchFilters.NONE, SearchMode.HYBRID, K);
                offTopicTop.add(results.topSimilarity());
                empty += results.results().isEmpty() ? 1 : 0;
            }
            List<Double> onTopicTop = new ArrayList<>();
            for (EvalQuestion question : questions) {
                onTopicTop.add(rig.search.search(question.question(), SearchFilters.NONE, SearchMode.HYBRID, K).topSimilarity());
            }
            System.err.printf(Locale.ROOT, "Off-topic questions answered with nothing: %d of %d (top similarity %.3f–%.3f)%n",
                    empty, OFF_TOPIC.size(), min(offTopicTop), max(offTopicTop));
            System.err.printf(Locale.ROOT, "Owner questions' top similarity: min %.3f, median %.3f%n",
                    min(onTopicTop), onTopicTop.stream().sorted().toList().get(onTopicTop.size() / 2));
            long belowThreshold = onTopicTop.stream().filter(s -> s < threshold).count();
            System.err.printf(Locale.ROOT, "Owner questions under the threshold (would get nothing): %d%n", belowThreshold);
        }
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private RetrievalBenchmark() {
    }
}
