package com.genaiauto.conversations.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the line ranker: logistic regression over the features of every candidate line of the
 * development questions, each labelled by whether it states an expected fact, the few answering
 * lines weighted as much as all the others together. Standardises the features for the descent
 * and stores the weights in the features' own scale.
 */
final class LineRankerFit {

    private static final int EPOCHS = 3_000;
    private static final double RATE = 0.5;
    private static final double L2 = 1e-3;

    private LineRankerFit() {
    }

    static LineRanker fit(List<double[]> rows, String fittedOn, boolean write, String saveTo, PrintStream out) throws Exception {
        int n = LineFeatures.NAMES.size();
        double[] mean = new double[n];
        double[] scale = new double[n];
        for (double[] row : rows) {
            for (int i = 0; i < n; i++) {
                mean[i] += row[i] / rows.size();
            }
        }
        for (double[] row : rows) {
            for (int i = 0; i < n; i++) {
                scale[i] += Math.pow(row[i] - mean[i], 2) / rows.size();
            }
        }
        for (int i = 0; i < n; i++) {
            scale[i] = Math.sqrt(scale[i]) < 1e-9 ? 1 : Math.sqrt(scale[i]);
        }
        long positives = rows.stream().filter(row -> row[n] == 1).count();
        double positiveWeight = (double) (rows.size() - positives) / Math.max(1, positives);
        double[] w = new double[n + 1];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[] gradient = new double[n + 1];
            double total = 0;
            for (double[] row : rows) {
                double z = w[n];
                for (int i = 0; i < n; i++) {
                    z += w[i] * (row[i] - mean[i]) / scale[i];
                }
                double p = 1 / (1 + Math.exp(-z));
                double weight = row[n] == 1 ? positiveWeight : 1;
                double error = weight * (p - row[n]);
                for (int i = 0; i < n; i++) {
                    gradient[i] += error * (row[i] - mean[i]) / scale[i];
                }
                gradient[n] += error;
                total += weight;
            }
            for (int i = 0; i <= n; i++) {
                w[i] -= RATE * (gradient[i] / total + (i < n ? L2 * w[i] : 0));
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        double intercept = w[n];
        for (int i = 0; i < n; i++) {
            double raw = w[i] / scale[i];
            weights.put(LineFeatures.NAMES.get(i), Math.round(raw * 1000) / 1000.0);
            intercept -= raw * mean[i];
        }
        LineRanker.Weights fitted = new LineRanker.Weights(Math.round(intercept * 1000) / 1000.0, weights,
                fittedOn + " questions: " + rows.size() + " candidate lines, " + positives + " stating a fact");
        out.println("line ranker fitted: " + fitted);
        if (saveTo != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(saveTo).toFile(), fitted);
        }
        if (write) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                    Path.of("src/main/resources", LineRanker.RESOURCE).toFile(), fitted);
            out.println("written to src/main/resources/" + LineRanker.RESOURCE);
        }
        return new LineRanker(fitted);
    }
}
