package com.genaiauto.rag.parse;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF through Apache PDFBox: the text layer split into paragraphs. Scanned PDFs have none. */
public final class PdfParser implements DocumentParser {

    @Override
    public ParsedDocument parse(byte[] content) throws UnreadableDocumentException {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            if (pdf.isEncrypted()) {
                throw new UnreadableDocumentException("the PDF is encrypted");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            String text = stripper.getText(pdf);
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            ParsedDocument parsed = PlainTextParser.parseText(text);
            List<Block> blocks = parsed.blocks().stream()
                    .map(block -> new Block(block.headings(), block.kind(), block.text().replaceAll("[ \\t]*\\n[ \\t]*(?!\\n)", " ")))
                    .toList();
            return new ParsedDocument(title == null || title.isBlank() ? null : title.strip(), blocks);
        } catch (IOException e) {
            throw new UnreadableDocumentException("the file is not a readable PDF", e);
        }
    }
}
