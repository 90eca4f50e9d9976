package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Document formats")
class DocumentFormatsTest {

    @Test
    void shouldResolveTheDeclaredTypeThenTheFileExtension() {
        assertThat(DocumentFormats.resolve("text/markdown; charset=utf-8", null)).contains(DocumentFormats.MARKDOWN);
        assertThat(DocumentFormats.resolve("application/octet-stream", "Manual.PDF")).contains(DocumentFormats.PDF);
        assertThat(DocumentFormats.resolve("application/xhtml+xml", null)).contains(DocumentFormats.HTML);
        assertThat(DocumentFormats.resolve("image/png", "photo.png")).isEmpty();
    }

    @Test
    void shouldReadMarkdownHeadingsListsAndTables() {
        ParsedDocument parsed = new MarkdownParser().parse("""
                # Arden tyres

                ## Pressures
                Check them **cold**.

                | Load | Front | Rear |
                |---|---|---|
                | Normal | 2.3 bar | 2.2 bar |

                - Use a gauge
                - Include the spare
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.detectedTitle()).isEqualTo("Arden tyres");
        assertThat(parsed.blocks()).extracting(Block::kind)
                .containsExactly(Block.Kind.PARAGRAPH, Block.Kind.TABLE, Block.Kind.LIST);
        assertThat(parsed.blocks().get(0).headings()).containsExactly("Arden tyres", "Pressures");
        assertThat(parsed.blocks().get(0).text()).isEqualTo("Check them cold.");
        assertThat(parsed.blocks().get(1).text()).contains("| Normal | 2.3 bar | 2.2 bar |");
        assertThat(parsed.blocks().get(2).text()).isEqualTo("- Use a gauge\n- Include the spare");
    }

    @Test
    void shouldRejectTextThatIsNotUtf8() {
        byte[] latin1 = "Pneus pressi\u00f3n".getBytes(StandardCharsets.ISO_8859_1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlainTextParser().parse(latin1))
                .isInstanceOf(UnreadableDocumentException.class);
    }
}
