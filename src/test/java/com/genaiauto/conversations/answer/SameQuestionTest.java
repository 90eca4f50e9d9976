package com.genaiauto.conversations.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Telling a reworded question from another question on the same passage")
class SameQuestionTest {

    private static final String TYRE_ROW = "Tyre pressures (cold)\nFront 2.3 bar, rear 2.5 bar; fully loaded: front 2.5 bar, rear 2.9 bar";
    private static final String TOWING = "Towing\nMaximum towing capacity: 1,500 kg braked, 750 kg unbraked.";
    private static final List<String> SOURCES = List.of("doc-a", "doc-b", "doc-c");
    // Unit vectors at a chosen angle: the embeddings' closeness is set by the test, not by a model.
    private static final float[] HERE = {1, 0};

    private static float[] at(double cosine) {
        return new float[] {(float) cosine, (float) Math.sqrt(1 - cosine * cosine)};
    }

    private static SameQuestion.Question question(String text, String lines, float[] vector, List<String> sources) {
        return SameQuestion.Question.of(text, lines, vector, sources);
    }

    @Nested
    @DisplayName("a rewording")
    class Rewordings {

        @Test
        void shouldReuseTheAnswerForTheSameContentWordsWhateverTheEmbedding() {
            SameQuestion.Question answered = question("What tyre pressure should I use?", TYRE_ROW, HERE, SOURCES);
            SameQuestion.Question asked = question("what TYRES pressure should i use", TYRE_ROW, at(0.1), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isTrue();
        }

        @Test
        void shouldReuseTheAnswerForOtherWordsCloseEnoughThatPointAtNothingElseInTheLines() {
            SameQuestion.Question answered = question("How much can my car tow?", TOWING, HERE, SOURCES);
            SameQuestion.Question asked = question("What is the maximum towing capacity?", TOWING,
                    at(SameQuestion.MIN_SIMILARITY + 0.01), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isTrue();
        }

        @Test
        void shouldNotReuseTheAnswerForOtherWordsLessCloseThanTheThreshold() {
            SameQuestion.Question answered = question("How much can my car tow?", TOWING, HERE, SOURCES);
            SameQuestion.Question asked = question("What is the maximum towing capacity?", TOWING,
                    at(SameQuestion.MIN_SIMILARITY - 0.01), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
        }
    }

    @Nested
    @DisplayName("another question on the same lines")
    class NearMisses {

        @Test
        void shouldNotReuseTheAnswerWhenEachQuestionNamesAnotherPartOfTheLines() {
            SameQuestion.Question answered = question("What is the front tyre pressure?", TYRE_ROW, HERE, SOURCES);
            SameQuestion.Question asked = question("What is the rear tyre pressure?", TYRE_ROW, at(0.99), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
        }

        @Test
        void shouldNotReuseTheAnswerForBrakedAndUnbrakedTowing() {
            SameQuestion.Question answered = question("What is the braked towing capacity?", TOWING, HERE, SOURCES);
            SameQuestion.Question asked = question("What is the unbraked towing capacity?", TOWING, at(0.99), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
        }

        @Test
        void shouldNotReuseTheAnswerForAnotherItemOfASeriesEvenWhenTheLinesDoNotSpellItOut() {
            String schedule = "Service schedule\nServices are due every 15,000 km or 12 months.";
            SameQuestion.Question answered = question("When is the first service due?", schedule, HERE, SOURCES);
            SameQuestion.Question asked = question("When is the second service due?", schedule, at(0.99), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
        }

        @Test
        void shouldNotReuseTheAnswerForAnotherNumber() {
            SameQuestion.Question answered = question("Where is the 12 V battery?", "Batteries\nThe battery sits under the floor.",
                    HERE, SOURCES);
            SameQuestion.Question asked = question("Where is the 48 V battery?", "Batteries\nThe battery sits under the floor.",
                    at(0.99), SOURCES);

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
        }
    }

    @Nested
    @DisplayName("the answer's citations")
    class Citations {

        @Test
        void shouldReuseTheAnswerWhenTheSourcesItCitesAreNumberedAlikeWhateverFollows() {
            SameQuestion.Question answered = question("How much can my car tow?", TOWING, HERE, SOURCES);
            SameQuestion.Question asked = question("how much can my car tow", TOWING, HERE, List.of("doc-a", "doc-b", "doc-x"));

            assertThat(SameQuestion.reusable(answered, 2, asked)).isTrue();
        }

        @Test
        void shouldNotReuseTheAnswerWhenASourceItCitesHasAnotherNumberForTheAsker() {
            SameQuestion.Question answered = question("How much can my car tow?", TOWING, HERE, SOURCES);
            SameQuestion.Question asked = question("how much can my car tow", TOWING, HERE, List.of("doc-b", "doc-a"));

            assertThat(SameQuestion.reusable(answered, 1, asked)).isFalse();
            assertThat(SameQuestion.reusable(answered, 3, question("how much can my car tow", TOWING, HERE,
                    List.of("doc-a", "doc-b")))).isFalse();
        }
    }
}
