package com.genaiauto.conversations.answer;

import com.genaiauto.rag.embed.Vectors;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.parse.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Picks the lines of the retrieved passages that answer a question: each sentence, list item and
 * table row is scored by its embedding's similarity to the question, the share of the question's
 * words it covers (rare words count more), whether it has the figure a "how much" question asks
 * for, and the rank of its passage. The best line leads; lines close behind it join (the other
 * rows of its table, the steps of its list, a second sentence that adds to it).
 */
public final class UnitSelector {

    // Weights of the line score, tuned on the development questions (see docs/benchmarks.md).
    static final double SIMILARITY = 1.0;
    static final double COVERAGE = 0.35;
    static final double FIGURE = 0.08;
    static final double PASSAGE_RANK = 0.05;
    /** How close behind the best line another must be to join it. */
    static final double JOIN_MARGIN = 0.035;
    private static final int PASSAGES = 4;
    private static final int MAX_LINES = 3;
    private static final int MAX_STEPS = 10;

    private record Scored(int passage, SearchHit hit, AnswerUnit unit, double similarity, double coverage,
                          boolean figure, double score) {
    }

    public Selection select(String question, float[] questionVector, Retrieval retrieval) {
        List<SearchHit> hits = retrieval.hits().subList(0, Math.min(PASSAGES, retrieval.hits().size()));
        if (hits.isEmpty()) {
            return new Selection(List.of(), Selection.Evidence.NONE);
        }
        QuestionShape shape = QuestionShape.of(question);
        Set<String> asked = Terms.of(question);
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < hits.size(); p++) {
            SearchHit hit = hits.get(p);
            Set<String> heading = Terms.of(Chunk.lastHeading(hit.section()));
            for (AnswerUnit unit : retrieval.unitsOf(hit)) {
                Set<String> words = new HashSet<>(Terms.of(unit.text()));
                words.addAll(heading);
                if (unit.context() != null) {
                    words.addAll(Terms.of(unit.context()));
                }
                candidates.add(new Candidate(p, hit, unit, words));
            }
        }
        if (candidates.isEmpty()) {
            return new Selection(List.of(), Selection.Evidence.NONE);
        }
        Map<String, Double> idf = idf(asked, candidates);
        double askedWeight = asked.stream().mapToDouble(term -> idf.getOrDefault(term, 0.0)).sum();
        List<Scored> scored = new ArrayList<>();
        for (Candidate candidate : candidates) {
            double similarity = candidate.unit().vector() == null ? 0 : Vectors.cosine(questionVector, candidate.unit().vector());
            double covered = asked.stream().filter(candidate.words()::contains).mapToDouble(term -> idf.getOrDefault(term, 0.0)).sum();
            double coverage = askedWeight == 0 ? 0 : covered / askedWeight;
            boolean figure = hasFigure(candidate.unit().text());
            double score = SIMILARITY * similarity + COVERAGE * coverage + (shape.wantsFigure() && figure ? FIGURE : 0)
                    + PASSAGE_RANK / (1 + candidate.passage());
            scored.add(new Scored(candidate.passage(), candidate.hit(), candidate.unit(), similarity, coverage, figure, score));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        Scored best = scored.get(0);
        List<Scored> chosen = new ArrayList<>();
        chosen.add(best);
        if (best.unit().kind() == AnswerUnit.Kind.TABLE_ROW) {
            // Rows of the same table close behind the best (front and rear, two engine sizes) join it.
            scored.stream().filter(other -> other != best && other.unit().kind() == AnswerUnit.Kind.TABLE_ROW
                            && Objects.equals(other.unit().context(), best.unit().context())
                            && other.score() >= best.score() - JOIN_MARGIN)
                    .limit(MAX_LINES - 1).forEach(chosen::add);
        } else if (shape.wantsSteps() && isStepOrLeadIn(best.unit())) {
            chosen.addAll(steps(best, scored));
        } else {
            scored.stream().filter(other -> other != best && other.unit().kind() != AnswerUnit.Kind.TABLE_ROW
                            && other.score() >= best.score() - JOIN_MARGIN && !other.unit().text().equals(best.unit().text()))
                    .limit(1).forEach(chosen::add);
        }
        chosen.sort(Comparator.comparingInt(Scored::passage).thenComparingInt(s -> s.unit().ordinal()));
        double otherDocuments = scored.stream().filter(s -> !s.hit().documentId().equals(best.hit().documentId()))
                .mapToDouble(Scored::score).max().orElse(best.score() - 0.2);
        double coverage = chosenCoverage(chosen, asked, idf, askedWeight);
        boolean figureFound = chosen.stream().anyMatch(Scored::figure);
        Selection.Evidence evidence = new Selection.Evidence(retrieval.topSimilarity(), best.similarity(), coverage,
                best.score() - otherDocuments, shape.wantsFigure() && !figureFound);
        return new Selection(chosen.stream().map(s -> new Selection.Picked(s.hit(), s.unit(), s.score())).toList(), evidence);
    }

    private record Candidate(int passage, SearchHit hit, AnswerUnit unit, Set<String> words) {
    }

    /** The lead-in sentence (ending in ":") and the list items after it, or the list the best item is in. */
    private static List<Scored> steps(Scored best, List<Scored> scored) {
        List<Scored> sameChunk = scored.stream().filter(s -> s.hit().chunkId().equals(best.hit().chunkId()))
                .sorted(Comparator.comparingInt(s -> s.unit().ordinal())).toList();
        int at = sameChunk.indexOf(best);
        int start = at;
        while (start > 0 && sameChunk.get(start - 1).unit().kind() == AnswerUnit.Kind.LIST_ITEM
                && best.unit().kind() == AnswerUnit.Kind.LIST_ITEM) {
            start--;
        }
        List<Scored> steps = new ArrayList<>();
        for (int i = start; i < sameChunk.size() && steps.size() < MAX_STEPS; i++) {
            Scored step = sameChunk.get(i);
            if (step == best) {
                continue;
            }
            if (i > at && step.unit().kind() != AnswerUnit.Kind.LIST_ITEM) {
                break;
            }
            if (i < at && step.unit().kind() != AnswerUnit.Kind.LIST_ITEM) {
                continue;
            }
            steps.add(step);
        }
        return steps;
    }

    private static boolean isStepOrLeadIn(AnswerUnit unit) {
        return unit.kind() == AnswerUnit.Kind.LIST_ITEM || unit.text().strip().endsWith(":");
    }

    private static double chosenCoverage(List<Scored> chosen, Set<String> asked, Map<String, Double> idf, double askedWeight) {
        if (askedWeight == 0) {
            return 0;
        }
        Set<String> words = new HashSet<>();
        for (Scored s : chosen) {
            words.addAll(Terms.of(s.unit().text()));
            words.addAll(Terms.of(Chunk.lastHeading(s.hit().section())));
            if (s.unit().context() != null) {
                words.addAll(Terms.of(s.unit().context()));
            }
        }
        return asked.stream().filter(words::contains).mapToDouble(term -> idf.getOrDefault(term, 0.0)).sum() / askedWeight;
    }

    /**
     * Inverse document frequency of the question's words among the candidate lines: a word every
     * line has ("tire" in a tire chapter) tells lines apart less than one only the answer has.
     */
    private static Map<String, Double> idf(Set<String> asked, List<Candidate> candidates) {
        Map<String, Double> idf = new HashMap<>();
        int total = candidates.size();
        for (String term : asked) {
            long frequency = candidates.stream().filter(candidate -> candidate.words().contains(term)).count();
            idf.put(term, Math.log(1.0 + (double) total / (1 + frequency)));
        }
        return idf;
    }

    static boolean hasFigure(String text) {
        return text.chars().anyMatch(Character::isDigit);
    }
}
