package com.genaiauto.conversations.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A message's words as features")
class WordsTest {

    private final Words words = Words.of(List.of("Is that NORMAL?", "book a service"));

    @Test
    void shouldGiveEveryDistinctWordOfTheExamplesOneSlot() {
        assertThat(words.size()).isEqualTo(6);
        assertThat(Words.tokens("Normal?? normal, it's normal")).containsExactly("normal", "it", "s");
    }

    @Test
    void shouldKeepTheEmbeddingAndShareOneLengthAmongTheMessagesWords() {
        float[] features = words.append(new float[] {0.6f, 0.8f}, "is that normal or not");

        assertThat(features).hasSize(2 + 6);
        assertThat(features[0]).isEqualTo(0.6f);
        // Five distinct words, three of them known: each weighs WEIGHT/√5, the unknown ones nothing.
        double each = Words.WEIGHT / Math.sqrt(5);
        double length = 0;
        for (int i = 2; i < features.length; i++) {
            length += features[i] * features[i];
        }
        assertThat(Math.sqrt(length)).isCloseTo(each * Math.sqrt(3), within(1e-6));
    }

    @Test
    void shouldAddNothingForAMessageOfUnknownWords() {
        float[] features = words.append(new float[] {1, 0}, "¿qué tal?");

        assertThat(features).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }
}
