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
 * Picks the lines of the retrieved passages that answer a question. Every sentence, list item and
 * table row of the best passages is described by {@link LineFeatures} and scored by the
 * {@link LineRanker}; the most probable line leads, and lines almost as probable join it (other
 * rows of its table, the steps of its list, the answer after a FAQ's question, a second sentence).
 */
public final class UnitSelector {

    private static final int PASSAGES = 6;
    private static final int MAX_ROWS = 8;
    private static final int MAX_STEPS = 10;
    private static final int FRAGMENT = 40;
    private static final int FAQ_ANSWER = 3;
    private static final double OWN_MODEL_RATIO = 0.8;
    /** How probable, against the best line, a line that says where must be to lead instead (development questions). */
    private static final double PLACE_RATIO = 0.7;
    /**
     * How lines join the best one: when at least {@code ratio} as probable, up to {@code maxLines}
     * in all. {@link #TUNED} was chosen on the development questions (see docs/benchmarks.md).
     */
    public record Joining(double ratio, int maxLines) {
        public static final Joining TUNED = new Joining(0.4, 4);
    }

    private final LineRanker ranker;
    private final Joining joining;

    public UnitSelector(LineRanker ranker) {
        this(ranker, Joining.TUNED);
    }

    public UnitSelector(LineRanker ranker, Joining joining) {
        this.ranker = ranker;
        this.joining = joining;
    }

    /** A candidate line, its features, and how probable it is that it answers. */
    record Scored(int passage, SearchHit hit, AnswerUnit unit, double similarity, double coverage, boolean figure,
                  double[] features, double score) {
    }

    /** Every candidate line, best first, and the weights of the question's words among them. */
    record Ranking(List<Scored> scored, Map<String, Double> idf) {
    }

    /** The model the question is about, if known, and the other models the documents name. */
    public record Models(String own, List<String> others) {
        public static final Models NONE = new Models(null, List.of());

        public Models {
            others = others.stream().filter(model -> own == null || !model.equalsIgnoreCase(own)).toList();
        }

        boolean ownNamedIn(String text) {
            return own != null && names(text, own);
        }

        /** A document tied to the owner's model: every line of it is about the owner's car, named or not. */
        boolean ownDocument(SearchHit hit) {
            return own != null && own.equalsIgnoreCase(hit.model());
        }

        boolean otherNamedIn(String text) {
            return others.stream().anyMatch(model -> names(text, model));
        }

        private static boolean names(String text, String model) {
            return com.genaiauto.conversations.turn.VehicleNames.names(text, model);
        }
    }

    public Selection select(String question, float[] questionVector, Retrieval retrieval) {
        return select(question, questionVector, retrieval, Models.NONE);
    }

    public Selection select(String question, float[] questionVector, Retrieval retrieval, Models models) {
        QuestionShape shape = QuestionShape.of(question);
        Ranking ranking = rank(question, questionVector, retrieval, models);
        if (ranking.scored().isEmpty()) {
            return new Selection(List.of(), Selection.Evidence.NONE);
        }
        List<Scored> scored = ranking.scored();
        // A question that asks for a figure is answered by a line that states one of that kind, when
        // the passages have any: "how much air" is answered in psi, not by advice about pressure.
        // Only when it asks for a figure at all: "can I flat tow it" names a weight word but wants a
        // yes or no, "why does fast charging slow down" names power but wants a reason.
        Set<Quantity> measured = shape.wantsFigure() ? Quantity.askedIn(question) : java.util.EnumSet.noneOf(Quantity.class);
        measured.retainAll(Quantity.MEASURES);
        int ownNamed = LineFeatures.NAMES.indexOf("vehicleNamed");
        List<Scored> stating = measured.isEmpty() ? List.of() : scored.stream()
                .filter(s -> Quantity.statedIn(s.unit().context() == null ? s.unit().text()
                        : s.unit().context() + " " + s.unit().text(), measured)).toList();
        // Of those, one set under the owner's model (a row of its table in a guide for all models) first,
        // unless it is far less probable than the best: a sentence that names the model in passing
        // must not displace the row that states the figure.
        Scored leading = stating.isEmpty() ? scored.get(0) : stating.get(0);
        Scored figureBest = stating.stream().filter(s -> (s.features()[ownNamed] == 1 || models.ownDocument(s.hit()))
                        && s.score() >= leading.score() * OWN_MODEL_RATIO).findFirst().orElse(leading);
        // "Where is the 12 V battery" is built around the line of the same document that says where,
        // when one is nearly as probable, not around the likeliest line about the battery (whose
        // neighbours may crowd the place out). Another document's place may be another model's. A
        // question that asks for a figure too keeps the line that states it.
        Scored best = !shape.wantsPlace() || !stating.isEmpty() || QuestionShape.statesPlace(figureBest.unit().text()) ? figureBest
                : scored.stream().filter(s -> QuestionShape.statesPlace(s.unit().text())
                        && s.hit().documentId().equals(figureBest.hit().documentId())
                        && s.score() >= figureBest.score() * PLACE_RATIO).findFirst().orElse(figureBest);
        List<Scored> chosen = new ArrayList<>();
        chosen.add(best);
        String text = best.unit().text().strip();
        // A row leads alone: the rest of its table joins below, nothing else.
        if (best.unit().kind() != AnswerUnit.Kind.TABLE_ROW && shape.wantsSteps() && isStepOrLeadIn(best.unit())) {
            chosen.addAll(steps(best, scored));
        } else if (best.unit().kind() != AnswerUnit.Kind.TABLE_ROW && (text.endsWith("?") || text.endsWith(":"))) {
            // A question in a FAQ, or a line that announces what follows: the answer is what follows.
            chosen.addAll(text.endsWith("?") ? answerTo(best, scored) : following(best, scored, MAX_STEPS));
        } else if (best.unit().kind() != AnswerUnit.Kind.TABLE_ROW) {
            scored.stream().filter(other -> other != best && other.score() >= best.score() * joining.ratio()
                            && other.hit().documentId().equals(best.hit().documentId())
                            && !other.unit().text().equals(best.unit().text()))
                    .limit(joining.maxLines() - 1L).forEach(chosen::add);
        }
        // A table is read whole: beside a chosen row, the other rows of its table (sizes, trims) answer too.
        for (Scored row : List.copyOf(chosen)) {
            if (row.unit().kind() == AnswerUnit.Kind.TABLE_ROW && chosen.size() < MAX_ROWS + 2) {
                scored.stream().filter(other -> !chosen.contains(other) && other.unit().kind() == AnswerUnit.Kind.TABLE_ROW
                                && other.hit().chunkId().equals(row.hit().chunkId())
                                && Objects.equals(other.unit().context(), row.unit().context()))
                        .limit(MAX_ROWS).forEach(chosen::add);
            }
        }
        chosen.sort(Comparator.comparingInt(Scored::passage).thenComparingInt(s -> s.unit().ordinal()));
        Set<String> asked = Terms.of(question);
        double askedWeight = asked.stream().mapToDouble(term -> ranking.idf().getOrDefault(term, 0.0)).sum();
        double otherDocuments = scored.stream().filter(s -> !s.hit().documentId().equals(best.hit().documentId()))
                .mapToDouble(Scored::score).max().orElse(0);
        Set<Quantity> kinds = Quantity.askedIn(question);
        Selection.Evidence evidence = new Selection.Evidence(retrieval.topSimilarity(), best.similarity(), best.score(),
                chosenCoverage(chosen, asked, ranking.idf(), askedWeight), best.score() - otherDocuments,
                shape.wantsFigure() && chosen.stream().noneMatch(Scored::figure),
                chosen.stream().anyMatch(s -> Quantity.statedIn(s.unit().text(), kinds)),
                chosen.stream().anyMatch(s -> s.features()[ownNamed] == 1));
        return new Selection(chosen.stream().map(s -> new Selection.Picked(s.hit(), s.unit(), s.score())).toList(), evidence);
    }

    Ranking rank(String question, float[] questionVector, Retrieval retrieval, Models models) {
        List<SearchHit> hits = retrieval.hits().subList(0, Math.min(PASSAGES, retrieval.hits().size()));
        QuestionShape shape = QuestionShape.of(question);
        Set<Quantity> quantities = Quantity.askedIn(question);
        Set<String> asked = Terms.of(question);
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < hits.size(); p++) {
            SearchHit hit = hits.get(p);
            Set<String> heading = Terms.of(Chunk.lastHeading(hit.section()));
            for (AnswerUnit unit : retrieval.unitsOf(hit)) {
                Set<String> own = new HashSet<>(Terms.of(unit.text()));
                Set<String> words = new HashSet<>(own);
                words.addAll(heading);
                if (unit.context() != null) {
                    words.addAll(Terms.of(unit.context()));
                }
                double similarity = unit.vector() == null ? 0 : Vectors.cosine(questionVector, unit.vector());
                candidates.add(new Candidate(p, hit, unit, own, words, similarity));
            }
        }
        Map<String, Double> idf = idf(asked, candidates);
        double askedWeight = asked.stream().mapToDouble(term -> idf.getOrDefault(term, 0.0)).sum();
        List<Candidate> bySimilarity = candidates.stream().sorted(Comparator.comparingDouble(Candidate::similarity).reversed())
                .toList();
        double bestSimilarity = bySimilarity.isEmpty() ? 0 : bySimilarity.get(0).similarity();
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < bySimilarity.size(); i++) {
            Candidate candidate = bySimilarity.get(i);
            String text = candidate.unit().text();
            double coverage = askedWeight == 0 ? 0 : weight(asked, candidate.words(), idf) / askedWeight;
            double lineCoverage = askedWeight == 0 ? 0 : weight(asked, candidate.own(), idf) / askedWeight;
            boolean figure = hasFigure(text);
            String withContext = candidate.unit().context() == null ? text : candidate.unit().context() + " " + text;
            String located = Chunk.lastHeading(candidate.hit().section()) + " " + withContext;
            boolean ownNamed = models.ownNamedIn(located);
            if (!ownNamed && models.own() != null && models.otherNamedIn(text)) {
                // A line about another model ("Aster: 15,000 km") never answers for the owner's car.
                continue;
            }
            double[] features = LineFeatures.of(candidate.similarity(), bestSimilarity, i + 1, coverage, lineCoverage,
                    Quantity.statedIn(withContext, quantities), shape.wantsFigure() && figure, candidate.passage(),
                    candidate.hit().vectorScore(), text.strip().endsWith("?"),
                    candidate.unit().kind() == AnswerUnit.Kind.TABLE_ROW, candidate.unit().kind() == AnswerUnit.Kind.LIST_ITEM,
                    text.length() < FRAGMENT, shape.wantsSteps() && candidate.unit().kind() == AnswerUnit.Kind.LIST_ITEM,
                    ownNamed, !ownNamed && models.otherNamedIn(withContext));
            scored.add(new Scored(candidate.passage(), candidate.hit(), candidate.unit(), candidate.similarity(), coverage,
                    figure, features, ranker.probability(features)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return new Ranking(scored, idf);
    }

    private record Candidate(int passage, SearchHit hit, AnswerUnit unit, Set<String> own, Set<String> words,
                             double similarity) {
    }

    private static double weight(Set<String> asked, Set<String> words, Map<String, Double> idf) {
        return asked.stream().filter(words::contains).mapToDouble(term -> idf.getOrDefault(term, 0.0)).sum();
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
            if (step.unit().kind() != AnswerUnit.Kind.LIST_ITEM) {
                if (i > at) {
                    break;
                }
                continue;
            }
            steps.add(step);
        }
        return steps;
    }

    /** Up to {@code count} lines right after {@code best} in its passage. */
    private static List<Scored> following(Scored best, List<Scored> scored, int count) {
        return scored.stream().filter(s -> s.hit().chunkId().equals(best.hit().chunkId())
                        && s.unit().ordinal() > best.unit().ordinal() && s.unit().ordinal() <= best.unit().ordinal() + count)
                .sorted(Comparator.comparingInt(s -> s.unit().ordinal())).toList();
    }

    /**
     * The answer under a FAQ's question: the lines after it up to the next question, at most
     * {@link #FAQ_ANSWER} of them. A FAQ answer often puts the fact in its second sentence
     * ("First speak to the dealer. If that fails, call ...").
     */
    private static List<Scored> answerTo(Scored question, List<Scored> scored) {
        List<Scored> answer = new ArrayList<>();
        for (Scored line : following(question, scored, FAQ_ANSWER)) {
            if (line.unit().ordinal() != question.unit().ordinal() + answer.size() + 1 || line.unit().text().strip().endsWith("?")) {
                break;
            }
            answer.add(line);
        }
        return answer;
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
        return weight(asked, words, idf) / askedWeight;
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
