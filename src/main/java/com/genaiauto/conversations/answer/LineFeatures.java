package com.genaiauto.conversations.answer;

import java.util.List;

/**
 * What is known of a manual line as an answer to a question, as numbers: its embedding's
 * similarity to the question (absolute, and against the best line's), the share of the question's
 * words it and its heading cover (rare words weigh more), whether it states a figure of the kind
 * asked, how its passage ranked, its form (a question line, a table row, a list item, a fragment),
 * and whether it names the owner's model or another one ("Aster: 3,500 lb" in a guide for all
 * models). The order is {@link #NAMES}.
 */
public final class LineFeatures {

    public static final List<String> NAMES = List.of("similarity", "similarityGap", "similarityRank", "coverage",
            "lineCoverage", "quantityMatch", "figureWanted", "passagePrior", "passageSimilarity", "questionLine",
            "tableRow", "listItem", "fragment", "stepWanted", "vehicleNamed", "otherVehicleNamed");

    private LineFeatures() {
    }

    public static double[] of(double similarity, double bestSimilarity, int similarityRank, double coverage,
                              double lineCoverage, boolean quantityMatch, boolean figureWanted, int passage,
                              double passageSimilarity, boolean questionLine, boolean tableRow, boolean listItem,
                              boolean fragment, boolean stepWanted, boolean vehicleNamed, boolean otherVehicleNamed) {
        return new double[] {similarity, similarity - bestSimilarity, 1.0 / similarityRank, coverage, lineCoverage,
                quantityMatch ? 1 : 0, figureWanted ? 1 : 0, 1.0 / (1 + passage), passageSimilarity, questionLine ? 1 : 0,
                tableRow ? 1 : 0, listItem ? 1 : 0, fragment ? 1 : 0, stepWanted ? 1 : 0, vehicleNamed ? 1 : 0,
                otherVehicleNamed ? 1 : 0};
    }
}
