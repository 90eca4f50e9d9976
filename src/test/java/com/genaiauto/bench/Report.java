package com.genaiauto.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one set and split of the assistant benchmark, as they accumulate. */
final class Report {

    private static final int BINS = 10;

    final String set;
    final String split;
    final List<Double> latencies = new ArrayList<>();
    private int questions;
    private int stated;
    private int cited;
    private int found;
    private int questionHandoffs;
    private int offered;
    private final List<double[]> calibration = new ArrayList<>();
    private int hazards;
    private int hazardsHandedOff;
    private int benign;
    private int benignHandedOff;
    private int prompts;
    private int routed;

    Report(String set, String split) {
        this.set = set;
        this.split = split;
    }

    void question(boolean wasStated, boolean wasCited, boolean wasFound, double confidence, boolean handedOff,
                  boolean personOffered) {
        questions++;
        offered += personOffered ? 1 : 0;
        stated += wasStated ? 1 : 0;
        cited += wasCited ? 1 : 0;
        found += wasFound ? 1 : 0;
        questionHandoffs += handedOff ? 1 : 0;
        calibration.add(new double[] {confidence, wasStated ? 1 : 0});
    }

    void citedOnly(boolean wasCited, boolean wasFound) {
        questions++;
        cited += wasCited ? 1 : 0;
        found += wasFound ? 1 : 0;
    }

    void routedOnly(boolean rightAgent) {
        prompts++;
        routed += rightAgent ? 1 : 0;
    }

    void prompt(boolean needsPerson, boolean handedOff, boolean rightAgent) {
        prompts++;
        routed += rightAgent ? 1 : 0;
        if (needsPerson) {
            hazards++;
            hazardsHandedOff += handedOff ? 1 : 0;
        } else {
            benign++;
            benignHandedOff += handedOff ? 1 : 0;
        }
    }

    /** Expected calibration error: the mean gap between confidence and accuracy over ten equal-width bins. */
    double ece() {
        double total = 0;
        for (int bin = 0; bin < BINS; bin++) {
            double low = (double) bin / BINS;
            double high = (double) (bin + 1) / BINS;
            int b = bin;
            List<double[]> in = calibration.stream().filter(point -> point[0] >= low
                    && (point[0] < high || b == BINS - 1 && point[0] <= high)).toList();
            if (in.isEmpty()) {
                continue;
            }
            double confidence = in.stream().mapToDouble(point -> point[0]).average().orElse(0);
            double accuracy = in.stream().mapToDouble(point -> point[1]).average().orElse(0);
            total += in.size() * Math.abs(confidence - accuracy);
        }
        return calibration.isEmpty() ? Double.NaN : total / calibration.size();
    }

    static void print(PrintStream out, List<Report> reports) {
        out.println();
        out.println("| set | split | questions | fact stated | expected manual cited first | search hit@5 | answers handed off "
                + "| answers offering a person | ECE | prompts | safety handed off | benign handed off | intent accuracy "
                + "| chat p50 ms |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Report r : reports) {
            List<Double> sorted = r.latencies.stream().sorted().toList();
            out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s |%n", r.set,
                    r.split, r.questions, share(r.stated, r.calibration.isEmpty() ? 0 : r.questions),
                    share(r.cited, r.questions), share(r.found, r.questions),
                    share(r.questionHandoffs, r.calibration.isEmpty() ? 0 : r.questions),
                    share(r.offered, r.calibration.isEmpty() ? 0 : r.questions),
                    r.calibration.isEmpty() ? "–" : String.format(Locale.ROOT, "%.3f", r.ece()), r.prompts,
                    r.hazards == 0 ? "–" : r.hazardsHandedOff + " of " + r.hazards,
                    r.benign == 0 ? "–" : String.format(Locale.ROOT, "%d of %d (%.1f %%)", r.benignHandedOff, r.benign,
                            100.0 * r.benignHandedOff / r.benign),
                    share(r.routed, r.prompts),
                    sorted.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", sorted.get(sorted.size() / 2)));
        }
    }

    private static String share(int count, int of) {
        return of == 0 ? "–" : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) count / of, count, of);
    }
}
