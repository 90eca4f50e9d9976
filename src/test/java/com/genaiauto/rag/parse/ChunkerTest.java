package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Chunker")
class ChunkerTest {

    private final Chunker chunker = new Chunker(64, 16);

    @Nested
    @DisplayName("sections")
    class Sections {

        @Test
        void shouldKeepTheHeadingPathOnEveryChunkAndNeverMixSections() {
            List<Chunk> chunks = chunker.chunk("Volta manual", List.of(
                    new Block(List.of("Volta manual", "Charging"), Block.Kind.PARAGRAPH, "Plug in the cable."),
                    new Block(List.of("Volta manual", "Tyres"), Block.Kind.PARAGRAPH, "Check pressures monthly.")));
            assertThat(chunks).extracting(Chunk::section)
                    .containsExactly("Volta manual > Charging", "Volta manual > Tyres");
            assertThat(chunks.get(0).embeddingText()).startsWith("Volta manual > Charging\n");
        }

        @Test
        void shouldPrefixTheDocumentTitleWhenTheHeadingsDoNotStartWithIt() {
            List<Chunk> chunks = chunker.chunk("Arden FAQ", List.of(
                    new Block(List.of("Servicing"), Block.Kind.PARAGRAPH, "Every 15,000 km.")));
            assertThat(chunks.get(0).section()).isEqualTo("Arden FAQ > Servicing");
        }
    }

    @Nested
    @DisplayName("budget")
    class Budget {

        @Test
        void shouldSplitLongProseOnSentencesWithinTheBudgetAndOverlap() {
            String sentence = "The hybrid battery is cooled by air drawn from the cabin under the rear seat. ";
            List<Chunk> chunks = chunker.chunk("T", List.of(
                    new Block(List.of("T"), Block.Kind.PARAGRAPH, sentence.repeat(12))));
            assertThat(chunks).hasSizeGreaterThan(2);
            assertThat(chunks).allSatisfy(chunk -> {
                assertThat(chunk.tokenCount()).isLessThanOrEqualTo(64);
                assertThat(chunk.content()).endsWith(".");
            });
        }

        @Test
        void shouldNotCutATableRowAndShouldRepeatTheHeaderOnEachPart() {
            StringBuilder table = new StringBuilder("| Interval | Item |\n");
            for (int i = 1; i <= 30; i++) {
                table.append("| ").append(i * 15_000).append(" km | Replace cabin filter and inspect brakes |\n");
            }
            List<Chunk> chunks = chunker.chunk("T", List.of(new Block(List.of("T"), Block.Kind.TABLE, table.toString())));
            assertThat(chunks).hasSizeGreaterThan(1);
            assertThat(chunks).allSatisfy(chunk -> {
                assertThat(chunk.content()).startsWith("| Interval | Item |");
                assertThat(chunk.content().lines()).allMatch(line -> line.startsWith("| ") && line.endsWith(" |"));
            });
            long rows = chunks.stream().flatMap(chunk -> chunk.content().lines()).filter(l -> l.contains(" km |")).count();
            assertThat(rows).isEqualTo(30);
        }

        @Test
        void shouldKeepListItemsWhole() {
            StringBuilder list = new StringBuilder();
            for (int i = 1; i <= 25; i++) {
                list.append("- Step ").append(i).append(": open the bonnet and check the washer fluid level\n");
            }
            List<Chunk> chunks = chunker.chunk("T", List.of(new Block(List.of("T"), Block.Kind.LIST, list.toString())));
            assertThat(chunks).hasSizeGreaterThan(1);
            assertThat(chunks).allSatisfy(chunk ->
                    assertThat(chunk.content().lines()).allMatch(line -> line.matches("- Step \\d+: .* level")));
        }

        @Test
        void shouldPackSmallBlocksOfOneSectionTogether() {
            List<Chunk> chunks = chunker.chunk("T", List.of(
                    new Block(List.of("T", "A"), Block.Kind.PARAGRAPH, "One."),
                    new Block(List.of("T", "A"), Block.Kind.LIST, "- two\n- three"),
                    new Block(List.of("T", "A"), Block.Kind.PARAGRAPH, "Four.")));
            assertThat(chunks).singleElement().satisfies(chunk ->
                    assertThat(chunk.content()).isEqualTo("One.\n\n- two\n- three\n\nFour."));
        }

        @Test
        void shouldCutATextWithoutSentencesOnWords() {
            String words = "word ".repeat(400);
            List<Chunk> chunks = chunker.chunk("T", List.of(new Block(List.of(), Block.Kind.PARAGRAPH, words)));
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(64));
        }
    }
}
