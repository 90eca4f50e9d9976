package com.genaiauto.conversations.answer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.platform.ClasspathJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How likely a grounded answer is to state what was asked: a logistic model over the evidence
 * (retrieval similarity, how well the chosen lines match and cover the question, how clearly one
 * document wins, a figure asked for and not found, the router's certainty, whether the document is
 * about the owner's model, how probable the line ranker finds its best line). Its coefficients are fitted on the development questions and kept in
 * {@value #RESOURCE} with the calibration they achieved; {@code bench/assistant} refits them.
 */
public final class ConfidenceModel {

    public static final String RESOURCE = "conversations/confidence-model.json";

    /** The inputs, each roughly in [0, 1]. */
    public record Features(double passageSimilarity, double lineSimilarity, double lineProbability, double coverage,
                           double margin,
                           double figureMissing, double quantityStated, double ownVehicleNamed, double intentProbability,
                           double vehicleMatch) {

        public static Features of(Selection.Evidence evidence, double intentProbability, double vehicleMatch) {
            return new Features(evidence.passageSimilarity(), evidence.lineSimilarity(), evidence.lineProbability(),
                    evidence.coverage(),
                    evidence.margin(), evidence.figureMissing() ? 1 : 0, evidence.quantityStated() ? 1 : 0,
                    evidence.ownVehicleNamed() ? 1 : 0, intentProbability, vehicleMatch);
        }

        public Map<String, Double> asMap() {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("passageSimilarity", passageSimilarity);
            values.put("lineSimilarity", lineSimilarity);
            values.put("lineProbability", lineProbability);
            values.put("coverage", coverage);
            values.put("margin", margin);
            values.put("figureMissing", figureMissing);
            values.put("quantityStated", quantityStated);
            values.put("ownVehicleNamed", ownVehicleNamed);
            values.put("intentProbability", intentProbability);
            values.put("vehicleMatch", vehicleMatch);
            return values;
        }
    }

    /** The stored coefficients and what they were fitted on. */
    public record Coefficients(@JsonProperty("intercept") double intercept,
                               @JsonProperty("weights") Map<String, Double> weights,
                               @JsonProperty("fittedOn") String fittedOn) {
    }

    private final Coefficients coefficients;

    public ConfidenceModel(Coefficients coefficients) {
        this.coefficients = coefficients;
    }

    public static ConfidenceModel load() {
        return new ConfidenceModel(ClasspathJson.read(RESOURCE, Coefficients.class));
    }

    public double probability(Features features) {
        double z = coefficients.intercept();
        for (Map.Entry<String, Double> feature : features.asMap().entrySet()) {
            z += coefficients.weights().getOrDefault(feature.getKey(), 0.0) * feature.getValue();
        }
        return 1 / (1 + Math.exp(-z));
    }

    public Coefficients coefficients() {
        return coefficients;
    }
}
