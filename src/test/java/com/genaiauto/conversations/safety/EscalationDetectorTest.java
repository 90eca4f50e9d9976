package com.genaiauto.conversations.safety;

import static com.genaiauto.testing.FixedEmbedder.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.conversations.routing.ExampleClassifier;
import com.genaiauto.testing.FixedEmbedder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Whether a message needs a person")
class EscalationDetectorTest {

    /** Fixed unit vectors per example: hazards up, benign messages to the right. */
    private static final Map<String, float[]> VECTORS = Map.of(
            "smoke from the bonnet", unit(-0.1f, 1),
            "burning smell from the dash", unit(-0.3f, 1),
            "brakes gone", unit(0.15f, 1),
            "pedal goes to the floor", unit(0.3f, 1),
            "what does the smoke symbol mean", unit(1, 0.25f),
            "how often are the brakes serviced", unit(1, 0),
            "tyre pressure please", unit(1, -0.3f),
            "where is the fuse box", unit(1, 0.1f));

    private static final FixedEmbedder EMBEDDER = FixedEmbedder.of(VECTORS);

    private final EscalationDetector detector = new EscalationDetector(EMBEDDER, "conversations/escalation-test-examples.json");

    @Nested
    @DisplayName("by the classifier")
    class Classifier {

        @Test
        void shouldHandOffAParaphraseNearAHazardExampleWithThatExamplesKind() {
            assertThat(detector.detect("there's smoke coming out from under the hood", unit(-0.2f, 1)))
                    .hasValueSatisfying(escalation -> {
                        assertThat(escalation.kind()).isEqualTo(EscalationKind.FIRE_SMOKE);
                        assertThat(escalation.probability()).isGreaterThanOrEqualTo(EscalationDetector.THRESHOLD);
                    });
            assertThat(detector.detect("the brake pedal sank right down", unit(0.25f, 1)))
                    .hasValueSatisfying(escalation -> assertThat(escalation.kind()).isEqualTo(EscalationKind.BRAKES));
        }

        @Test
        void shouldLeaveABenignLookAlikeAlone() {
            assertThat(detector.detect("what's the little smoke picture on the dash", unit(1, 0.2f))).isEmpty();
            assertThat(detector.detect("brake service interval?", unit(1, 0.05f))).isEmpty();
        }
    }

    @Nested
    @DisplayName("by its nearest example")
    class NearestExample {

        /**
         * One airbag example alone between benign ones, where the linear model gives a message right
         * beside it, in words no example uses, about 0.1: only the nearest example can hand it off.
         */
        private final EscalationDetector detector = new EscalationDetector(FixedEmbedder.of(withOutlier()),
                "conversations/escalation-outlier-examples.json");

        private static Map<String, float[]> withOutlier() {
            Map<String, float[]> vectors = new HashMap<>(VECTORS);
            vectors.put("airbag light flashing after the seat was removed", unit(1, -1.6f));
            vectors.put("how do i pair my phone", unit(-0.3f, -1));
            return vectors;
        }

        @Test
        void shouldHandOffAParaphraseOfAHazardExampleThatTheLinearModelLeavesBelowTheThreshold() {
            ExampleClassifier<EscalationKind> linear = new ExampleClassifier<>(EscalationKind.class,
                    "conversations/escalation-outlier-examples.json", EscalationKind::fromWire,
                    FixedEmbedder.of(withOutlier()), EscalationKind.NONE, ExampleClassifier.Inputs.EMBEDDING_AND_WORDS);
            assertThat(1 - linear.classify("srs lamp blinks nonstop", unit(1, -1.6f)).probabilityOf(EscalationKind.NONE))
                    .isLessThan(EscalationDetector.THRESHOLD);

            assertThat(detector.detect("srs lamp blinks nonstop", unit(1, -1.6f)))
                    .hasValueSatisfying(escalation -> {
                        assertThat(escalation.kind()).isEqualTo(EscalationKind.AIRBAG);
                        assertThat(escalation.probability()).isGreaterThanOrEqualTo(EscalationDetector.THRESHOLD);
                    });
        }
    }

    @Nested
    @DisplayName("by its rules")
    class Rules {

        @Test
        void shouldHandOffAPlainWordingWhereverItsVectorLies() {
            assertThat(detector.detect("help, the car is on fire", unit(1, 0)))
                    .hasValueSatisfying(escalation -> {
                        assertThat(escalation.kind()).isEqualTo(EscalationKind.FIRE_SMOKE);
                        assertThat(escalation.probability()).isEqualTo(1.0);
                    });
            assertThat(detector.detect("I want to speak to a human", unit(1, 0)))
                    .hasValueSatisfying(escalation -> assertThat(escalation.kind()).isEqualTo(EscalationKind.HUMAN_REQUEST));
        }
    }
}
