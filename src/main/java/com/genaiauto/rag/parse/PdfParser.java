package com.genaiauto.rag.parse;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDF through Apache PDFBox: the text layer, read back into structure. A PDF keeps no headings or
 * tables, only positioned text, so the lines are read with their font: lines set larger than the
 * body text (or bold and standing alone) are headings, their sizes giving the levels; tables are
 * rebuilt from the words' positions ({@link PdfTables}), so a row whose cells wrap is quoted as one
 * row; a run of short lines (a specification list) keeps its lines, one item each; other lines
 * join into prose paragraphs. Scanned PDFs have no text layer.
 */
public final class PdfParser implements DocumentParser {

    private static final int HEADING_MAX = 90;
    /** Decoded streams (page contents, fonts, images) held at most: far above any manual's text. */
    private static final long MAX_DECODED_BYTES = 128L * 1024 * 1024;
    private static final long MAX_CONTENT_BYTES = 64L * 1024 * 1024;
    private static final int MAX_PAGES = 5_000;
    // Reading runs in a background ingestion job, not in a request: the deadline only stops a file
    // made to be read forever. A 10 MiB manual of 1.9 MB of text takes 9-21 s on two busy cores.
    private static final java.time.Duration READ_DEADLINE = java.time.Duration.ofMinutes(5);
    private static final int SHORT_LINE = 60;

    /** One line of the text layer: its font, where it sits (page, baseline) and its words' positions. */
    record Line(String text, float size, boolean bold, boolean paragraphEnd, int page, float y,
                List<PdfTables.Word> words) {
        Line {
            words = List.copyOf(words);
        }

        Line endingParagraph() {
            return new Line(text, size, bold, true, page, y, words);
        }
    }

    @Override
    public ParsedDocument parse(byte[] content) throws UnreadableDocumentException {
        // A decompression bomb (a few kilobytes that inflate to gigabytes) costs CPU and memory in
        // proportion to what it inflates to: decoded streams are held in memory up to a ceiling,
        // past which the file is refused, and reading the text stops at a deadline.
        try (PDDocument pdf = Loader.loadPDF(content, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(MAX_DECODED_BYTES).streamCache)) {
            if (pdf.isEncrypted()) {
                throw new UnreadableDocumentException("the PDF is encrypted");
            }
            requireModestContents(pdf);
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            return structure(lines(pdf), title == null || title.isBlank() ? null : title.strip());
        } catch (IOException e) {
            throw new UnreadableDocumentException("the file is not a readable PDF", e);
        }
    }

    /**
     * Refuses a decompression bomb before its text is read: the pages' content streams, inflated,
     * may total at most {@link #MAX_CONTENT_BYTES} (a manual's are kilobytes a page). Counting
     * stops at the ceiling, so a bomb costs the time to inflate that much and no more.
     */
    private static void requireModestContents(PDDocument pdf) throws IOException, UnreadableDocumentException {
        if (pdf.getNumberOfPages() > MAX_PAGES) {
            throw new UnreadableDocumentException("the PDF has more than " + MAX_PAGES + " pages");
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (org.apache.pdfbox.pdmodel.PDPage page : pdf.getPages()) {
            if (!page.hasContents()) {
                continue;
            }
            try (java.io.InputStream contents = page.getContents()) {
                for (int n; (n = contents.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_CONTENT_BYTES) {
                        throw new UnreadableDocumentException("the PDF's pages hold more than "
                                + MAX_CONTENT_BYTES / (1024 * 1024) + " MiB of drawing instructions once decompressed");
                    }
                }
            }
        }
    }

    /** The text layer's lines, top to bottom on each page. */
    static List<Line> lines(PDDocument pdf) throws IOException {
        LineReader reader = new LineReader(System.nanoTime() + READ_DEADLINE.toNanos());
        reader.setSortByPosition(true);
        reader.writeText(pdf, new StringWriter());
        return reader.lines();
    }

    static ParsedDocument structure(List<Line> lines, String declaredTitle) {
        float body = bodySize(lines);
        List<Float> headingSizes = new ArrayList<>(new TreeSet<Float>((a, b) -> Float.compare(b, a)) {{
            lines.stream().filter(line -> isHeading(line, body)).forEach(line -> add(round(line.size())));
        }});
        HeadingPath path = new HeadingPath();
        List<Block> blocks = new ArrayList<>();
        String title = declaredTitle;
        List<String> pending = new ArrayList<>();
        java.util.Iterator<PdfTables.Found> tables = PdfTables.find(lines, i -> isHeading(lines.get(i), body)).iterator();
        PdfTables.Found table = tables.hasNext() ? tables.next() : null;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (table != null && i == table.start()) {
                flush(pending, path, blocks);
                blocks.add(new Block(path.current(), Block.Kind.TABLE, table.markdown()));
                i = table.end() - 1;
                table = tables.hasNext() ? tables.next() : null;
                continue;
            }
            if (isHeading(line, body)) {
                flush(pending, path, blocks);
                int level = Math.min(3, headingSizes.indexOf(round(line.size())) + 1);
                if (title == null) {
                    title = line.text();
                }
                path.enter(Math.max(1, level), line.text());
                continue;
            }
            pending.add(line.text());
            if (line.paragraphEnd() && !continues(line, i + 1 < lines.size() ? lines.get(i + 1) : null)) {
                flush(pending, path, blocks);
            }
        }
        flush(pending, path, blocks);
        return new ParsedDocument(title, blocks);
    }

    /** PDFBox ends paragraphs at page and column breaks too: a sentence cut there goes on. */
    private static boolean continues(Line line, Line next) {
        return next != null && !line.text().matches(".*[.!?:)\"”]$") && Character.isLowerCase(next.text().codePointAt(0));
    }

    private static void flush(List<String> lines, HeadingPath path, List<Block> blocks) {
        if (lines.isEmpty()) {
            return;
        }
        lines.replaceAll(line -> line.replaceFirst("^([•▪◦])\\s*", "• "));
        boolean marked = lines.stream().allMatch(line -> line.matches("^([-*•▪◦]|\\d+[.)])\\s.*"));
        if (isListing(lines) || marked) {
            StringBuilder items = new StringBuilder();
            lines.forEach(line -> items.append(line.matches("^([-*•▪◦]|\\d+[.)])\\s.*") ? line : "- " + line).append('\n'));
            blocks.add(new Block(path.current(), Block.Kind.LIST, items.toString()));
        } else {
            blocks.add(new Block(path.current(), Block.Kind.PARAGRAPH, joinLines(lines)));
        }
        lines.clear();
    }

    /** Lines of a paragraph joined; a bullet starting a line starts a new item. */
    private static String joinLines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (text.length() > 0) {
                text.append(line.startsWith("• ") ? "\n" : " ");
            }
            text.append(line);
        }
        return text.toString();
    }

    /** The size most of the text is set in. */
    private static float bodySize(List<Line> lines) {
        Map<Float, Integer> characters = new HashMap<>();
        lines.forEach(line -> characters.merge(round(line.size()), line.text().length(), Integer::sum));
        return characters.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0f);
    }

    private static boolean isHeading(Line line, float body) {
        String text = line.text();
        boolean titleLike = text.length() <= HEADING_MAX && !text.matches(".*[.,;]$")
                && text.chars().filter(Character::isLetter).count() >= 3 && Character.isLetterOrDigit(text.codePointAt(0));
        return titleLike && (round(line.size()) > body + 0.5f || line.bold() && line.paragraphEnd() && text.length() <= 60);
    }

    /** Several lines, most of them short and without a closing full stop: a table or a list set line by line. */
    private static boolean isListing(List<String> lines) {
        if (lines.size() < 3) {
            return false;
        }
        long shortLines = lines.stream().filter(line -> line.length() < SHORT_LINE && !line.endsWith(".")).count();
        return shortLines * 10 >= lines.size() * 7;
    }

    private static float round(float size) {
        return Math.round(size * 2) / 2f;
    }

    /** Collects the text layer line by line with each line's largest font and whether it is bold. */
    private static final class LineReader extends PDFTextStripper {
        private final List<Line> lines = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private final List<PdfTables.Word> words = new ArrayList<>();
        private float size;
        private float y;
        private boolean bold = true;

        private final long deadlineNanos;

        LineReader(long deadlineNanos) throws IOException {
            this.deadlineNanos = deadlineNanos;
            setParagraphEnd("\u0000");
        }

        @Override
        protected void processOperator(org.apache.pdfbox.contentstream.operator.Operator operator,
                                       List<org.apache.pdfbox.cos.COSBase> operands) throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("reading the text took longer than " + READ_DEADLINE.toSeconds() + " s");
            }
            super.processOperator(operator, operands);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            current.append(text);
            // PDFBox hands over runs of text between the separators it infers; the spaces set in the
            // PDF itself stay inside a run, so words are cut here from the glyphs' positions.
            StringBuilder word = new StringBuilder();
            float x0 = 0;
            float x1 = 0;
            for (TextPosition position : positions) {
                if (position.getUnicode().isBlank()) {
                    endWord(word, x0, x1);
                    continue;
                }
                if (word.isEmpty()) {
                    x0 = position.getXDirAdj();
                }
                word.append(position.getUnicode());
                x1 = position.getXDirAdj() + position.getWidthDirAdj();
                y = Math.max(y, position.getYDirAdj());
            }
            endWord(word, x0, x1);
            for (TextPosition position : positions) {
                size = Math.max(size, position.getFontSizeInPt());
                String font = position.getFont() == null || position.getFont().getName() == null ? ""
                        : position.getFont().getName().toLowerCase(Locale.ROOT);
                if (!position.getUnicode().isBlank() && !font.contains("bold")) {
                    bold = false;
                }
            }
        }

        private void endWord(StringBuilder word, float x0, float x1) {
            if (!word.isEmpty()) {
                words.add(new PdfTables.Word(word.toString(), x0, x1));
                word.setLength(0);
            }
        }

        @Override
        protected void writeWordSeparator() {
            current.append(' ');
        }

        @Override
        protected void writeLineSeparator() {
            endLine(false);
        }

        @Override
        protected void writeParagraphEnd() {
            endLine(true);
        }

        private void endLine(boolean paragraphEnd) {
            String text = current.toString().replace("\u0000", "").strip();
            if (!text.isEmpty()) {
                lines.add(new Line(text, size, bold, paragraphEnd, getCurrentPageNo(), y, words));
            } else if (paragraphEnd && !lines.isEmpty()) {
                lines.add(lines.remove(lines.size() - 1).endingParagraph());
            }
            current.setLength(0);
            words.clear();
            size = 0;
            y = 0;
            bold = true;
        }

        List<Line> lines() {
            endLine(true);
            return lines;
        }
    }
}
