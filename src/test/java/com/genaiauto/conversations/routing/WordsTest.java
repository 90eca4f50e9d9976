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
    void shouldKeepTheEmbeddingAndWeighEachKnownWordInItsOwnSlot() {
        float[] features = words.append(new float[] {0.6f, 0.8f}, "is that normal or not");

        // Slots in word order: a, book, is, normal, service, that. Five distinct words, three known:
        // each weighs WEIGHT/√5, the unknown ones nothing.
        float each = (float) (Words.WEIGHT / Math.sqrt(5));
        assertThat(features).containsExactly(0.6f, 0.8f, 0, 0, each, each, 0, each);
    }

    @Test
    void shouldTakeNoWordFromAPlaceholderOfMaskedPersonalData() {
        assertThat(Words.tokens("mail me at [EMAIL_1] about [NATIONAL_ID_2]")).containsExactly("mail", "me", "at", "about");
    }

    @Test
    void shouldAddNothingForAMessageOfUnknownWords() {
        float[] features = words.append(new float[] {1, 0}, "¿qué tal?");

        assertThat(features).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }
}
