package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Every parser on any bytes, and the chunker on any blocks: a document is read or refused, never crashes. */
class ParserPropertyTest {

    private static final List<DocumentParser> PARSERS = List.of(new MarkdownParser(), new PlainTextParser(),
            new HtmlParser(), new PdfParser(), new DocxParser());

    @Property(tries = 200)
    void shouldReadOrRefuseAnyBytes(@ForAll @Size(max = 4096) byte[] content) {
        for (DocumentParser parser : PARSERS) {
            readOrRefuse(parser, content);
        }
    }

    @Property(tries = 300)
    void shouldReadOrRefuseAnyText(@ForAll String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        for (DocumentParser parser : PARSERS) {
            readOrRefuse(parser, content);
        }
    }

    @Property(tries = 200)
    void shouldReadOrRefuseADamagedPdf(@ForAll("damage") List<Integer> flips) {
        byte[] pdf = SAMPLE_PDF.clone();
        for (int flip : flips) {
            pdf[flip % pdf.length] ^= (byte) (flip >>> 8 | 1);
        }
        readOrRefuse(new PdfParser(), pdf);
    }

    @Property(tries = 300)
    void shouldNeverLoseAWordWhenChunking(@ForAll("blocks") List<Block> blocks) {
        List<Chunk> chunks = new Chunker(60, 10).chunk("Manual", blocks);
        String all = String.join(" ", chunks.stream().map(Chunk::content).toList());
        for (Block block : blocks) {
            for (String word : block.text().split("\\s+")) {
                if (!word.isBlank()) {
                    assertThat(all).contains(word);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> damage() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Block>> blocks() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> text = word.list().ofMinSize(1).ofMaxSize(200).map(words -> String.join(" ", words));
        Arbitrary<Block.Kind> kind = Arbitraries.of(Block.Kind.PARAGRAPH, Block.Kind.LIST, Block.Kind.CODE);
        Arbitrary<List<String>> headings = word.list().ofMaxSize(3);
        return net.jqwik.api.Combinators.combine(headings, kind, text).as(Block::new).list().ofMaxSize(12);
    }

    private static void readOrRefuse(DocumentParser parser, byte[] content) {
        try {
            ParsedDocument document = parser.parse(content);
            assertThat(document.blocks()).allSatisfy(block -> assertThat(block.text()).doesNotContain("\u0000"));
        } catch (UnreadableDocumentException refused) {
            // A clear refusal is the other allowed outcome.
        }
    }

    private static final byte[] SAMPLE_PDF = samplePdf();

    private static byte[] samplePdf() {
        List<String> lines = new ArrayList<>(List.of("Tyre pressures", "Front 2.5 bar, rear 2.7 bar."));
        try (var pdf = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            pdf.addPage(page);
            try (var stream = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page)) {
                stream.beginText();
                stream.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 11);
                stream.newLineAtOffset(50, 700);
                for (String line : lines) {
                    stream.showText(line);
                    stream.newLineAtOffset(0, -14);
                }
                stream.endText();
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
