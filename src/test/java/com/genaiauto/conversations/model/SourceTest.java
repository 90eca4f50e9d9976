package com.genaiauto.conversations.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The passage kept with a cited source")
class SourceTest {

    @Nested
    @DisplayName("excerptOf")
    class ExcerptOf {

        @Test
        void shouldKeepAShortPassageWhole() {
            assertThat(Source.excerptOf("  | Tyre | Front |\n| 17-inch | 2.5 bar |  ")).isEqualTo("| Tyre | Front |\n| 17-inch | 2.5 bar |");
        }

        @Test
        void shouldCutALongPassageAtAWordAndSaySo() {
            String passage = "Check the pressures when the tyres are cold. ".repeat(60);
            String excerpt = Source.excerptOf(passage);
            assertThat(excerpt).hasSizeLessThanOrEqualTo(Source.EXCERPT_CHARS).endsWith("…");
            String kept = excerpt.substring(0, excerpt.length() - 1);
            assertThat(passage).startsWith(kept);
            // Cut between words: the passage goes on with a space, the excerpt ends on a letter or a stop.
            assertThat(passage.charAt(kept.length())).isEqualTo(' ');
            assertThat(kept).doesNotEndWith(" ").hasSizeGreaterThan(Source.EXCERPT_CHARS - 50);
        }

        @Test
        void shouldKeepNothingForAnEmptyPassage() {
            assertThat(Source.excerptOf(null)).isNull();
            assertThat(Source.excerptOf("   ")).isNull();
        }
    }
}
