package com.genaiauto.conversations.routing;

import static com.genaiauto.testing.FixedEmbedder.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.genaiauto.testing.FixedEmbedder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A classifier over labelled examples")
class ExampleClassifierTest {

    enum Label { FIRE, BRAKES, NONE }

    /** Fixed unit vectors per text: the geometry under test, with no model in the way. */
    private static final Map<String, float[]> VECTORS = Map.of(
            "smoke from the bonnet", unit(0, 1),
            "brakes gone", unit(0.2f, 1),
            "what does the smoke symbol mean", unit(1, 0.2f),
            "how often are the brakes serviced", unit(1, 0),
            "tyre pressure please", unit(1, -0.3f));

    private static final FixedEmbedder EMBEDDER = FixedEmbedder.of(VECTORS);

    private final ExampleClassifier<Label> classifier = new ExampleClassifier<>(Label.class,
            "conversations/neighbour-examples.json", label -> Label.valueOf(label.toUpperCase()), EMBEDDER, Label.NONE,
            ExampleClassifier.Inputs.EMBEDDING);

    @Test
    void shouldMeasureHowMuchNearerTheClosestLabelledExampleIsThanTheClosestBackgroundOne() {
        // At the fire example: cosine 1 to it, 0.196 to the nearest benign one.
        assertThat(classifier.neighbours(unit(0, 1)).margin()).isCloseTo(1 - 0.196, within(0.01));
        // At a benign example: the nearest labelled one is far (cosine 0.196), the benign one exact.
        assertThat(classifier.neighbours(unit(1, 0)).margin()).isCloseTo(0.196 - 1, within(0.01));
    }

    @Test
    void shouldMeasureByDirectionWhateverTheMessageVectorsLength() {
        assertThat(classifier.neighbours(new float[] {0, 3}).margin()).isCloseTo(1 - 0.196, within(0.01));
    }

    @Test
    void shouldNameTheLabelOfTheNearestLabelledExample() {
        assertThat(classifier.neighbours(unit(0, 1)).nearest()).isEqualTo(Label.FIRE);
        assertThat(classifier.neighbours(unit(0.18f, 1)).nearest()).isEqualTo(Label.BRAKES);
    }

    @Test
    void shouldClassifyAMessageNearTheLabelledExamplesAwayFromTheBackground() {
        assertThat(classifier.classify("", unit(0.1f, 1)).label()).isNotEqualTo(Label.NONE);
        assertThat(classifier.classify("", unit(1, -0.1f)).label()).isEqualTo(Label.NONE);
    }

    @Test
    void shouldRefuseExamplesWithoutTheBackgroundLabelItWasGiven() {
        ExampleClassifier<Label> withoutBackground = new ExampleClassifier<>(Label.class,
                "conversations/word-examples.json", label -> Label.valueOf(label.toUpperCase()), EMBEDDER, Label.NONE,
                ExampleClassifier.Inputs.EMBEDDING);

        assertThatThrownBy(withoutBackground::warmUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("background label NONE");
    }

    @Test
    void shouldMeasureNoNeighboursWithoutABackgroundLabel() {
        ExampleClassifier<Label> noBackground = new ExampleClassifier<>(Label.class,
                "conversations/neighbour-examples.json", label -> Label.valueOf(label.toUpperCase()), EMBEDDER, null,
                ExampleClassifier.Inputs.EMBEDDING);

        assertThatThrownBy(() -> noBackground.neighbours(unit(0, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    @DisplayName("that also weighs a message's words")
    class WithWords {

        /** Every example and message at the same point: only their words tell the labels apart. */
        private static final float[] SAME = unit(1, 1);

        private static final FixedEmbedder ALIKE = FixedEmbedder.of(Map.of(
                "the brakes smell hot and smoke", SAME,
                "smoke and a hot smell from the brakes", SAME,
                "the brakes smell hot, is that normal", SAME,
                "is a hot smell from new brakes normal", SAME));

        private ExampleClassifier<Label> classifier(ExampleClassifier.Inputs inputs) {
            return new ExampleClassifier<>(Label.class, "conversations/word-examples.json",
                    label -> Label.valueOf(label.toUpperCase()), ALIKE, null, inputs);
        }

        @Test
        void shouldTellApartMessagesTheEmbeddingCannotByTheWordsTheExamplesTaught() {
            ExampleClassifier<Label> classifier = classifier(ExampleClassifier.Inputs.EMBEDDING_AND_WORDS);

            assertThat(classifier.classify("hot brakes after a long hill, normal?", SAME).label()).isEqualTo(Label.BRAKES);
            assertThat(classifier.classify("smoke coming off the brakes", SAME).label()).isEqualTo(Label.FIRE);
        }

        @Test
        void shouldIgnoreTheWordsWhenOnlyTheEmbeddingCounts() {
            ExampleClassifier<Label> classifier = classifier(ExampleClassifier.Inputs.EMBEDDING);

            assertThat(classifier.classify("hot brakes after a long hill, normal?", SAME).probability())
                    .isCloseTo(0.5, within(0.01));
        }

        @Test
        void shouldLeaveAMessageOfUnknownWordsToTheEmbedding() {
            ExampleClassifier<Label> classifier = classifier(ExampleClassifier.Inputs.EMBEDDING_AND_WORDS);

            assertThat(classifier.classify("quelque chose d'autre", SAME).probabilities())
                    .isEqualTo(classifier.classify("", SAME).probabilities());
        }
    }
}
