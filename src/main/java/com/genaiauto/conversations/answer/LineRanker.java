package com.genaiauto.conversations.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.platform.ClasspathJson;
import java.util.Map;

/**
 * How likely a manual line is to state what a question asks: a logistic model over the line's
 * features ({@link LineFeatures}), its weights fitted on the development questions (each line
 * labelled by whether it states the expected fact) and kept in {@value #RESOURCE}.
 */
public final class LineRanker {

    public static final String RESOURCE = "conversations/line-ranker.json";

    /** The stored weights, by feature name, and what they were fitted on. */
    public record Weights(@JsonProperty("intercept") double intercept, @JsonProperty("weights") Map<String, Double> weights,
                          @JsonProperty("fittedOn") String fittedOn) {
    }

    private final Weights weights;
    private final double[] vector;

    public LineRanker(Weights weights) {
        this.weights = weights;
        this.vector = new double[LineFeatures.NAMES.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = weights.weights().getOrDefault(LineFeatures.NAMES.get(i), 0.0);
        }
    }

    public static LineRanker load() {
        return new LineRanker(ClasspathJson.read(RESOURCE, Weights.class));
    }

    /** The probability that a line with these features answers. */
    public double probability(double[] features) {
        double z = weights.intercept();
        for (int i = 0; i < vector.length; i++) {
            z += vector[i] * features[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public Weights weights() {
        return weights;
    }
}
