package com.genaiauto.conversations.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier fitted in a lab as {@link ExampleClassifier} fits one, on examples the lab chooses
 * (a fold, another set): its weights, and the words they weigh (null for the embedding alone).
 */
record LabModel(double[][] weights, Words words) {

    /** {@code lab.embeddingOnly}: the models without the words of a message, as they were before words counted. */
    static final boolean WORDS = !Boolean.getBoolean("lab.embeddingOnly");

    static LabModel fit(List<String> texts, List<float[]> vectors, List<Integer> targets, int classes, int background,
                        boolean withWords) {
        Words words = withWords ? Words.of(texts) : null;
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            features.add(ExampleClassifier.features(words, texts.get(i), vectors.get(i)));
        }
        return new LabModel(ExampleClassifier.train(features, targets, classes, background), words);
    }

    /** Every label's probability for a message. */
    double[] probabilities(String text, float[] vector) {
        double[] scores = ExampleClassifier.scores(weights, ExampleClassifier.features(words, text, vector));
        ExampleClassifier.softmax(scores);
        return scores;
    }
}
