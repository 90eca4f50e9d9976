package com.genaiauto.conversations.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.genaiauto.platform.ClasspathJson;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A text classifier that needs no network: labelled example messages (a JSON resource, label to
 * list of texts) embedded with the knowledge base's embedder, and a multinomial logistic regression
 * over those embeddings (and, if so built, the messages' {@link Words}), fitted when the examples
 * are first needed. A message is classified from the embedding the turn computed once. Regularised
 * regression over a sentence encoder generalises to paraphrases that share no word with any
 * example, which a keyword list cannot, and gives a probability per label rather than a vote.
 */
public final class ExampleClassifier<L extends Enum<L>> {

    private static final int EPOCHS = 300;
    private static final double LEARNING_RATE = 0.05;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double L2 = 1e-4;

    private final Class<L> type;
    private final String resource;
    private final Function<String, L> parse;
    private final Embedder embedder;
    private final L background;
    private final Inputs inputs;
    private volatile Model model;

    /** What the model weighs. */
    public enum Inputs {
        /** The message's embedding alone. */
        EMBEDDING,
        /** The embedding and the message's words ({@link Words}). */
        EMBEDDING_AND_WORDS
    }

    /** A decision: the most probable label, its probability, and every label's. */
    public record Prediction<L extends Enum<L>>(L label, double probability, Map<L, Double> probabilities) {

        public double probabilityOf(L other) {
            return probabilities.getOrDefault(other, 0.0);
        }

        /** How far the winner is ahead of the runner-up. */
        public double margin() {
            double second = probabilities.entrySet().stream().filter(entry -> entry.getKey() != label)
                    .mapToDouble(Map.Entry::getValue).max().orElse(0);
            return probability - second;
        }
    }

    /**
     * The fitted weights, the words they weigh (null when only the embedding counts), and for
     * {@link #neighbours} the examples themselves, embedded and of unit length (none kept when there
     * is no background label to measure against).
     */
    private record Model(List<Object> labels, double[][] weights, Words words, List<float[]> vectors, List<Integer> targets) {

        float[] features(String text, float[] vector) {
            return ExampleClassifier.features(words, text, vector);
        }
    }

    /**
     * {@code background}, when not null, is the label of everything else (benign messages beside
     * hazard kinds): it weighs as much as all other labels together, however many examples each has.
     */
    public ExampleClassifier(Class<L> type, String resource, Function<String, L> parse, Embedder embedder, L background,
                             Inputs inputs) {
        this.type = type;
        this.inputs = inputs;
        this.resource = resource;
        this.parse = parse;
        this.embedder = embedder;
        this.background = background;
    }

    /** Embeds the examples and fits the model now rather than on the first message. */
    public void warmUp() {
        model();
    }

    /** {@code vector} is the embedding of {@code text} that the turn computed. */
    @SuppressWarnings("unchecked")
    public Prediction<L> classify(String text, float[] vector) {
        Model fitted = model();
        double[] scores = scores(fitted.weights(), fitted.features(text, vector));
        softmax(scores);
        Map<L, Double> probabilities = new EnumMap<>(type);
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            probabilities.put((L) fitted.labels().get(i), scores[i]);
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new Prediction<>((L) fitted.labels().get(best), scores[best], probabilities);
    }

    /**
     * The nearest examples: how much nearer the closest example of any label but the background is
     * than the closest background example (cosine similarity, from -2 to 2), and that closest
     * example's label. A linear model draws one boundary for all of a label's examples; this sees
     * a message that closely paraphrases a single example even where that example sits on the
     * wrong side of the boundary.
     */
    public record Neighbours<L>(double margin, L nearest) {
    }

    @SuppressWarnings("unchecked")
    public Neighbours<L> neighbours(float[] vector) {
        if (background == null) {
            throw new IllegalStateException("neighbours are measured against a background label; this classifier has none");
        }
        Model fitted = model();
        int backgroundIndex = fitted.labels().indexOf(background);
        double foreground = -1;
        double nearestBackground = -1;
        int nearest = -1;
        // Runs on every turn over about a thousand examples: one normalisation, then dot products.
        float[] unit = Vectors.normalise(vector);
        for (int i = 0; i < fitted.vectors().size(); i++) {
            double cosine = Vectors.dot(unit, fitted.vectors().get(i));
            if (fitted.targets().get(i) == backgroundIndex) {
                nearestBackground = Math.max(nearestBackground, cosine);
            } else if (cosine > foreground) {
                foreground = cosine;
                nearest = fitted.targets().get(i);
            }
        }
        return new Neighbours<>(foreground - nearestBackground, nearest < 0 ? null : (L) fitted.labels().get(nearest));
    }

    private Model model() {
        Model fitted = model;
        if (fitted == null) {
            synchronized (this) {
                if (model == null) {
                    model = fit();
                }
                fitted = model;
            }
        }
        return fitted;
    }

    private Model fit() {
        Map<String, List<String>> labelled = examples(resource);
        List<Object> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : labelled.entrySet()) {
            labels.add(parse.apply(entry.getKey()));
            for (String text : entry.getValue()) {
                texts.add(text);
                targets.add(labels.size() - 1);
            }
        }
        if (background != null && !labels.contains(background)) {
            throw new IllegalStateException(resource + " has no examples of the background label " + background);
        }
        // Examples are embedded as queries: they are compared with the queries of turns.
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
            vectors.add(embedder.embedQuery(text));
        }
        List<float[]> units = background == null ? List.of() : vectors.stream().map(Vectors::normalise).toList();
        Words words = inputs == Inputs.EMBEDDING_AND_WORDS ? Words.of(texts) : null;
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            features.add(features(words, texts.get(i), vectors.get(i)));
        }
        return new Model(List.copyOf(labels), train(features, targets, labels.size(), labels.indexOf(background)),
                words, units, List.copyOf(targets));
    }

    /**
     * Full-batch Adam on the cross-entropy with a light L2 penalty (Adam reaches in a few hundred
     * passes what plain gradient descent needs thousands for: the fit runs at start-up). Classes
     * are weighted by inverse frequency so a label with many examples does not swallow the rest
     * (the background label, if any, weighs as much as the others together).
     */
    static double[][] train(List<float[]> vectors, List<Integer> targets, int classes, int background) {
        int dimension = vectors.get(0).length;
        double[][] weights = new double[classes][dimension + 1];
        int[] counts = new int[classes];
        targets.forEach(target -> counts[target]++);
        double[] classWeight = new double[classes];
        int foreground = background < 0 ? classes : classes - 1;
        double total = 0;
        for (int c = 0; c < classes; c++) {
            double share = background < 0 ? 1.0 / classes : c == background ? 0.5 : 0.5 / foreground;
            classWeight[c] = counts[c] == 0 ? 0 : share * vectors.size() / counts[c];
        }
        for (int target : targets) {
            total += classWeight[target];
        }
        // With words, most features of an example are zero: the passes visit only the others.
        int[][] active = vectors.stream().map(ExampleClassifier::nonZero).toArray(int[][]::new);
        double[][] gradient = new double[classes][dimension + 1];
        double[][] moment = new double[classes][dimension + 1];
        double[][] velocity = new double[classes][dimension + 1];
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            for (double[] row : gradient) {
                Arrays.fill(row, 0);
            }
            for (int n = 0; n < vectors.size(); n++) {
                float[] x = vectors.get(n);
                int[] on = active[n];
                double[] p = new double[classes];
                for (int c = 0; c < classes; c++) {
                    double sum = weights[c][dimension];
                    for (int d : on) {
                        sum += weights[c][d] * x[d];
                    }
                    p[c] = sum;
                }
                softmax(p);
                int y = targets.get(n);
                double w = classWeight[y] / total;
                for (int c = 0; c < classes; c++) {
                    double error = w * (p[c] - (c == y ? 1 : 0));
                    double[] g = gradient[c];
                    for (int d : on) {
                        g[d] += error * x[d];
                    }
                    g[dimension] += error;
                }
            }
            double correction1 = 1 - Math.pow(BETA1, epoch);
            double correction2 = 1 - Math.pow(BETA2, epoch);
            for (int c = 0; c < classes; c++) {
                for (int d = 0; d <= dimension; d++) {
                    double g = gradient[c][d] + (d < dimension ? L2 * weights[c][d] : 0);
                    moment[c][d] = BETA1 * moment[c][d] + (1 - BETA1) * g;
                    velocity[c][d] = BETA2 * velocity[c][d] + (1 - BETA2) * g * g;
                    weights[c][d] -= LEARNING_RATE * (moment[c][d] / correction1)
                            / (Math.sqrt(velocity[c][d] / correction2) + 1e-8);
                }
            }
        }
        return weights;
    }

    /** What the model weighs of a message: its embedding, then its words' slots unless {@code words} is null. */
    static float[] features(Words words, String text, float[] vector) {
        return words == null ? vector : words.append(vector, text);
    }

    private static int[] nonZero(float[] x) {
        return IntStream.range(0, x.length).filter(d -> x[d] != 0).toArray();
    }

    static double[] scores(double[][] weights, float[] x) {
        double[] scores = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            double[] w = weights[c];
            double sum = w[x.length];
            for (int d = 0; d < x.length; d++) {
                sum += w[d] * x[d];
            }
            scores[c] = sum;
        }
        return scores;
    }

    static void softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(scores[i] - max);
            total += scores[i];
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] /= total;
        }
    }

    static Map<String, List<String>> examples(String resource) {
        return ClasspathJson.read(resource, new TypeReference<LinkedHashMap<String, List<String>>>() { });
    }
}
