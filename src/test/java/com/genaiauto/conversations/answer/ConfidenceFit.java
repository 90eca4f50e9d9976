package com.genaiauto.conversations.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the confidence model (logistic regression with a light L2 penalty, by gradient descent) on
 * the evidence of answers and whether each stated the fact, and reports its calibration: expected
 * calibration error over ten bins and the Brier score, before (the stored coefficients) and after.
 */
final class ConfidenceFit {

    static final String[] NAMES = {"passageSimilarity", "lineSimilarity", "lineProbability", "coverage", "margin",
            "figureMissing",
            "quantityStated", "ownVehicleNamed", "intentProbability", "vehicleMatch"};
    private static final int EPOCHS = 20_000;
    private static final double RATE = 0.5;
    private static final double L2 = 1e-3;

    private ConfidenceFit() {
    }

    static void report(PrintStream out, List<double[]> rows, String fittedOn, boolean write) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        ConfidenceModel stored = ConfidenceModel.load();
        out.printf(Locale.ROOT, "stored model (%s): ECE %.3f, Brier %.3f%n", stored.coefficients().fittedOn(),
                ece(rows, stored), brier(rows, stored));
        ConfidenceModel fitted = fit(rows, fittedOn);
        out.printf(Locale.ROOT, "fitted on these %d answers: ECE %.3f, Brier %.3f, coefficients %s%n", rows.size(),
                ece(rows, fitted), brier(rows, fitted), fitted.coefficients());
        if (write) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                    Path.of("src/main/resources", ConfidenceModel.RESOURCE).toFile(), fitted.coefficients());
            out.println("written to src/main/resources/" + ConfidenceModel.RESOURCE);
        }
    }

    static ConfidenceModel fit(List<double[]> rows, String fittedOn) {
        int n = NAMES.length;
        double[] w = new double[n + 1];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[] gradient = new double[n + 1];
            for (double[] row : rows) {
                double p = sigmoid(w[n] + dot(w, row, n));
                double error = p - row[n];
                for (int i = 0; i < n; i++) {
                    gradient[i] += error * row[i];
                }
                gradient[n] += error;
            }
            for (int i = 0; i <= n; i++) {
                w[i] -= RATE * (gradient[i] / rows.size() + (i < n ? L2 * w[i] : 0));
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            weights.put(NAMES[i], Math.round(w[i] * 1000) / 1000.0);
        }
        return new ConfidenceModel(new ConfidenceModel.Coefficients(Math.round(w[n] * 1000) / 1000.0, weights,
                fittedOn + " questions, " + rows.size() + " answers"));
    }

    static double probability(ConfidenceModel model, double[] row) {
        return model.probability(new ConfidenceModel.Features(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                row[7], row[8], row[9]));
    }

    static double ece(List<double[]> rows, ConfidenceModel model) {
        double total = 0;
        for (int bin = 0; bin < 10; bin++) {
            double low = bin / 10.0;
            double high = (bin + 1) / 10.0;
            int b = bin;
            List<double[]> in = rows.stream().filter(row -> {
                double p = probability(model, row);
                return p >= low && (p < high || b == 9);
            }).toList();
            if (!in.isEmpty()) {
                double confidence = in.stream().mapToDouble(row -> probability(model, row)).average().orElse(0);
                double accuracy = in.stream().mapToDouble(row -> row[NAMES.length]).average().orElse(0);
                total += in.size() * Math.abs(confidence - accuracy);
            }
        }
        return total / rows.size();
    }

    static double brier(List<double[]> rows, ConfidenceModel model) {
        return rows.stream().mapToDouble(row -> Math.pow(probability(model, row) - row[NAMES.length], 2)).average().orElse(0);
    }

    private static double dot(double[] w, double[] row, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[i] * row[i];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
