package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Tables in a PDF's text layer")
class PdfTablesTest {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float SIZE = 11;

    @Nested
    @DisplayName("a table whose cells wrap over several lines")
    class WrappedCells {

        @Test
        void shouldReadEachRowWithItsCellsJoined() {
            byte[] pdf = new Layout()
                    .heading("Starting problems")
                    .row(new float[] {72, 228, 384}, "Symptom", "Likely cause", "What to do")
                    .rowGap()
                    .row(new float[] {72, 228, 384}, "Car will not start", "Battery flat", "Open with the key blade,")
                    .line(384, "then jump-start from the")
                    .line(384, "jump points.")
                    .rowGap()
                    .row(new float[] {72, 228, 384}, "Screen frozen", "Software hang", "Hold the volume knob")
                    .line(384, "for 10 seconds.")
                    .pdf();

            assertThat(tables(pdf)).containsExactly("""
                    | Symptom | Likely cause | What to do |
                    | Car will not start | Battery flat | Open with the key blade, then jump-start from the jump points. |
                    | Screen frozen | Software hang | Hold the volume knob for 10 seconds. |
                    """.strip());
        }

        @Test
        void shouldSplitCellsWhereTextRunsUpToTheNextColumn() throws IOException {
            String full = "Charging does not begin";
            float second = 72 + REGULAR.getStringWidth(full) / 1000 * SIZE + 6;
            float[] columns = {72, second, second + 150};
            byte[] pdf = new Layout()
                    .heading("Charging")
                    .row(columns, "Symptom", "Likely cause", "What to do")
                    .rowGap()
                    .row(columns, full, "Plug not fully in", "Push the plug in")
                    .line(second + 150, "until it clicks.")
                    .rowGap()
                    .row(columns, "Ring stays blue", "Timer active", "Press Charge now.")
                    .pdf();

            assertThat(tables(pdf)).containsExactly("""
                    | Symptom | Likely cause | What to do |
                    | Charging does not begin | Plug not fully in | Push the plug in until it clicks. |
                    | Ring stays blue | Timer active | Press Charge now. |
                    """.strip());
        }

        @Test
        void shouldKeepBoldWordsInACellInsteadOfReadingThemAsAHeading() {
            float[] columns = {72, 189, 306};
            byte[] pdf = new Layout()
                    .heading("Towing")
                    .row(columns, "Model", "Method", "Alternative")
                    .rowGap()
                    .row(columns, "Tarvik FWD", "Flatbed", "Tow dolly at no")
                    .line(306, "more than 55")
                    .bold(306, "mph")
                    .rowGap()
                    .row(columns, "Halden", "Flatbed", "none")
                    .pdf();

            assertThat(tables(pdf)).containsExactly("""
                    | Model | Method | Alternative |
                    | Tarvik FWD | Flatbed | Tow dolly at no more than 55 mph |
                    | Halden | Flatbed | none |
                    """.strip());
        }

        @Test
        void shouldJoinARowThatAPageBreakCutUnderTheRepeatedHeader() {
            float[] columns = {72, 228};
            byte[] pdf = new Layout()
                    .heading("Service visits")
                    .row(columns, "Mileage", "Services performed")
                    .rowGap()
                    .row(columns, "30,000", "Oil and filter")
                    .rowGap()
                    .row(columns, "60,000", "Oil and filter, cabin")
                    .newPage()
                    .row(columns, "Mileage", "Services performed")
                    .rowGap()
                    .line(228, "air filter, spark plugs")
                    .pdf();

            assertThat(tables(pdf)).containsExactly("""
                    | Mileage | Services performed |
                    | 30,000 | Oil and filter |
                    | 60,000 | Oil and filter, cabin air filter, spark plugs |
                    """.strip());
        }
    }

    @Nested
    @DisplayName("text that only looks aligned")
    class NotTables {

        @Test
        void shouldLeaveABulletedListAsAList() {
            byte[] pdf = new Layout()
                    .heading("Before you tow")
                    .row(new float[] {84, 108}, "•", "Check the tyre pressures of the car and trailer.")
                    .row(new float[] {84, 108}, "•", "Check that all trailer lights work.")
                    .row(new float[] {84, 108}, "•", "Adjust the mirrors.")
                    .pdf();

            assertThat(tables(pdf)).isEmpty();
            assertThat(texts(pdf)).anySatisfy(text -> assertThat(text).contains("• Check that all trailer lights work."));
        }

        @Test
        void shouldLeaveProseAsAParagraph() {
            byte[] pdf = new Layout()
                    .heading("Range")
                    .line(72, "Cold weather, motorway speeds above 70 mph, roof boxes,")
                    .line(72, "towing and heating all reduce the range. A drop of 20 to")
                    .line(72, "30 percent in winter is normal and no fault of the car.")
                    .pdf();

            assertThat(tables(pdf)).isEmpty();
            assertThat(texts(pdf)).anySatisfy(text -> assertThat(text).contains("towing and heating all reduce the range"));
        }
    }

    private static List<String> tables(byte[] pdf) {
        return blocks(pdf).stream().filter(block -> block.kind() == Block.Kind.TABLE).map(Block::text).toList();
    }

    private static List<String> texts(byte[] pdf) {
        return blocks(pdf).stream().map(Block::text).toList();
    }

    private static List<Block> blocks(byte[] pdf) {
        try {
            return new PdfParser().parse(pdf).blocks();
        } catch (UnreadableDocumentException e) {
            throw new AssertionError(e);
        }
    }

    /** Text placed at positions, as a word processor lays out a table: lines 14 pt apart, rows padded by 4 pt more. */
    private static final class Layout {
        private record Text(int page, float x, float y, String text, boolean bold, float size) {
        }

        private final List<Text> texts = new ArrayList<>();
        private int page;
        private float y = 80;

        Layout heading(String text) {
            texts.add(new Text(page, 72, y, text, true, 16));
            y += 26;
            return this;
        }

        Layout row(float[] columns, String... cells) {
            for (int c = 0; c < cells.length; c++) {
                texts.add(new Text(page, columns[c], y, cells[c], false, SIZE));
            }
            y += 14;
            return this;
        }

        Layout line(float x, String text) {
            texts.add(new Text(page, x, y, text, false, SIZE));
            y += 14;
            return this;
        }

        Layout bold(float x, String text) {
            texts.add(new Text(page, x, y, text, true, SIZE));
            y += 14;
            return this;
        }

        Layout rowGap() {
            y += 4;
            return this;
        }

        Layout newPage() {
            page++;
            y = 80;
            return this;
        }

        byte[] pdf() {
            try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                for (int p = 0; p <= page; p++) {
                    PDPage sheet = new PDPage();
                    pdf.addPage(sheet);
                    float height = sheet.getMediaBox().getHeight();
                    try (PDPageContentStream content = new PDPageContentStream(pdf, sheet)) {
                        for (Text text : texts) {
                            if (text.page() != p) {
                                continue;
                            }
                            content.beginText();
                            content.setFont(text.bold() ? BOLD : REGULAR, text.size());
                            content.newLineAtOffset(text.x(), height - text.y());
                            content.showText(text.text());
                            content.endText();
                        }
                    }
                }
                pdf.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
