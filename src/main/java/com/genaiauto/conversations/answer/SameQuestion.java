package com.genaiauto.conversations.answer;

import com.genaiauto.rag.embed.Vectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a question asks what an answered one asked, when both are answered from the same passage
 * for the same car. Embeddings alone cannot tell: "front tyre pressure" and "rear tyre pressure"
 * are closer (0.87) than most real paraphrases (0.74–0.84), because the word that changes the
 * answer is one of few. So a reworded question must be close to the answered one, and nothing may
 * point the two at different things:
 * <ul>
 *   <li>no contrast in the answering lines: each question uses a word of those lines that the other
 *       does not ("front" and "rear" of one table row, "braked" and "unbraked" of one sentence,
 *       "normal" and "fully loaded" of one table's header), word forms matched by their stems;
 *       one question saying more of the same lines than the other is a rewording;</li>
 *   <li>the same figures: numbers and ordinals select one item of a series (the first or the second
 *       service, a 12 V or a 48 V battery) whether or not the lines spell them out;</li>
 *   <li>the same sources in the same order, as far as the answer cites them, so that its [n] are
 *       the asker's.</li>
 * </ul>
 */
public final class SameQuestion {

    /** The least cosine similarity of two question embeddings for a rewording (docs/benchmarks.md). */
    public static final double MIN_SIMILARITY = 0.80;

    private static final Set<String> NUMBER_WORDS = Set.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
            "thousand", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "last", "next", "previous", "single", "double", "half", "once", "twice");

    private SameQuestion() {
    }

    /** What of a question decides whether another may reuse its answer. */
    public record Question(Set<String> terms, Set<String> figures, Set<String> lineTerms, float[] vector,
                           List<String> sources) {
        public Question {
            terms = Set.copyOf(terms);
            figures = Set.copyOf(figures);
            lineTerms = Set.copyOf(lineTerms);
            sources = List.copyOf(sources);
        }

        /** {@code lines} are the answering lines' text; {@code sources} the cited documents in marker order. */
        public static Question of(String question, String lines, float[] vector, List<String> sources) {
            return new Question(Terms.of(question), SameQuestion.figures(question), Terms.of(lines), vector, sources);
        }
    }

    /**
     * True when {@code asked} may be given the answer written for {@code answered}, which cites its
     * first {@code citedSources} sources.
     */
    public static boolean reusable(Question answered, int citedSources, Question asked) {
        if (citedSources > answered.sources().size() || citedSources > asked.sources().size()
                || !answered.sources().subList(0, citedSources).equals(asked.sources().subList(0, citedSources))) {
            return false;
        }
        if (answered.terms().equals(asked.terms())) {
            return true;
        }
        return answered.figures().equals(asked.figures()) && !contrast(answered, asked)
                && similarity(answered.vector(), asked.vector()) >= MIN_SIMILARITY;
    }

    /** Each question uses a word of the answering lines (its own or the other's) that the other lacks. */
    static boolean contrast(Question a, Question b) {
        Set<String> lines = new HashSet<>(a.lineTerms());
        lines.addAll(b.lineTerms());
        return pointsElsewhere(a.terms(), b.terms(), lines) && pointsElsewhere(b.terms(), a.terms(), lines);
    }

    private static boolean pointsElsewhere(Set<String> own, Set<String> other, Set<String> lines) {
        return own.stream().anyMatch(term -> lines.stream().anyMatch(word -> alike(term, word))
                && other.stream().noneMatch(word -> alike(term, word)));
    }

    /**
     * One word in two forms the stemmer leaves apart ("fully" and "full", "inflation" and
     * "inflate"): a stem that begins the other, both of four letters or more.
     */
    static boolean alike(String a, String b) {
        return a.equals(b) || Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a));
    }

    static Set<String> figures(String question) {
        Set<String> figures = new HashSet<>();
        for (String word : Terms.words(question)) {
            if (NUMBER_WORDS.contains(word) || word.chars().anyMatch(Character::isDigit)) {
                figures.add(word);
            }
        }
        return figures;
    }

    static double similarity(float[] a, float[] b) {
        return a == null || b == null || a.length != b.length ? 0 : Vectors.cosine(a, b);
    }
}
