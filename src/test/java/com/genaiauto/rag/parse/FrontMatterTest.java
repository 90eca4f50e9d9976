package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Markdown front matter")
class FrontMatterTest {

    @Test
    void shouldReadTheBlockAndLeaveTheBody() {
        FrontMatter.Split split = FrontMatter.split("---\ntitle: Volt charging\nbrand: Aster\nmodel: Volt\nyears: 2021-2024\n"
                + "type: manual\n---\n# Charging\n\nPlug in.\n");
        assertThat(split.frontMatter()).isEqualTo(new FrontMatter("Volt charging", "manual", "Aster", "Volt", 2021, 2024));
        assertThat(split.body()).isEqualTo("# Charging\n\nPlug in.\n");
    }

    @Test
    void shouldReadSingleYearsAndSeparateFields() {
        assertThat(FrontMatter.split("---\nyears: 2023\n---\ntext").frontMatter().yearTo()).isEqualTo(2023);
        assertThat(FrontMatter.split("---\nyear_from: 2019\nyear_to: 2020\n---\ntext").frontMatter().yearFrom())
                .isEqualTo(2019);
    }

    @Test
    void shouldTakeAnEmptyBlockAsNoMetadata() {
        FrontMatter.Split split = FrontMatter.split("---\n---\n# Title\n\nBody.");
        assertThat(split.frontMatter()).isEqualTo(FrontMatter.NONE);
        assertThat(split.body()).isEqualTo("# Title\n\nBody.");
    }

    @Test
    void shouldLeaveADocumentWithoutFrontMatterWhole() {
        String text = "---\n\nA horizontal rule first, then text.\n";
        assertThat(FrontMatter.split(text).frontMatter()).isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.split("# Title\n\ntext").body()).isEqualTo("# Title\n\ntext");
    }

    @Test
    void shouldTakeTheTitleOfMarkdownFromItsFrontMatter() {
        ParsedDocument parsed = new MarkdownParser().parse("---\ntitle: Declared\nmodel: Volt\n---\n# Heading\n\nBody text.");
        assertThat(parsed.detectedTitle()).isEqualTo("Declared");
        assertThat(parsed.frontMatter().model()).isEqualTo("Volt");
        assertThat(parsed.blocks()).extracting(Block::text).containsExactly("Body text.");
    }
}
