package com.genaiauto.rag;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Sets a {@link GeneratedManual} as a PDF, with illustrations making up {@code imageBytes}. */
final class ManualPdf {

    private static final float TOP = 740;
    private static final float BOTTOM = 60;
    private static final float LEFT = 50;
    private static final int LINE_CHARACTERS = 98;
    private static final int IMAGE_SIDE = 256;

    private final PDDocument pdf;
    private final PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private float y;

    private ManualPdf(PDDocument pdf) {
        this.pdf = pdf;
    }

    static byte[] write(List<GeneratedManual.Section> sections, long imageBytes) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ManualPdf writer = new ManualPdf(pdf);
            writer.set(sections);
            writer.illustrate(imageBytes);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void set(List<GeneratedManual.Section> sections) throws IOException {
        newPage();
        line(bold, 20, "Halcyon Owner's Manual", 30);
        String chapter = null;
        for (GeneratedManual.Section section : sections) {
            if (!section.chapter().equals(chapter)) {
                chapter = section.chapter();
                line(bold, 16, chapter, 24);
            }
            line(bold, 13, section.heading(), 20);
            for (GeneratedManual.Block block : section.blocks()) {
                if (block instanceof GeneratedManual.Paragraph paragraph) {
                    wrapped(paragraph.text());
                } else if (block instanceof GeneratedManual.Steps steps) {
                    for (int i = 0; i < steps.items().size(); i++) {
                        wrapped((i + 1) + ". " + steps.items().get(i));
                    }
                } else if (block instanceof GeneratedManual.Table table) {
                    for (String[] row : table.rows()) {
                        cells(row);
                    }
                    y -= 8;
                }
            }
        }
        page.close();
    }

    /** A paragraph in the body font, broken into lines, with a gap after it. */
    private void wrapped(String text) throws IOException {
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            if (current.length() + word.length() + 1 > LINE_CHARACTERS) {
                line(body, 10, current.toString(), 13);
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        line(body, 10, current.toString(), 13);
        y -= 8;
    }

    private void cells(String[] row) throws IOException {
        room(13);
        float[] columns = {LEFT, LEFT + 200, LEFT + 360};
        for (int c = 0; c < row.length; c++) {
            page.beginText();
            page.setFont(body, 10);
            page.newLineAtOffset(columns[c], y);
            page.showText(row[c]);
            page.endText();
        }
        y -= 13;
    }

    private void line(PDType1Font font, float size, String text, float advance) throws IOException {
        room(advance);
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(LEFT, y);
        page.showText(text);
        page.endText();
        y -= advance;
    }

    private void room(float needed) throws IOException {
        if (y - needed < BOTTOM) {
            page.close();
            newPage();
        }
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage();
        pdf.addPage(next);
        page = new PDPageContentStream(pdf, next);
        y = TOP;
    }

    /** Images of random pixels (which do not compress), spread over the pages, adding up to about {@code bytes}. */
    private void illustrate(long bytes) throws IOException {
        List<Integer> heights = new ArrayList<>();
        long perImage = (long) IMAGE_SIDE * IMAGE_SIDE * 3;
        // Each image costs a little more than its pixels (its dictionary, the page's drawing command).
        long left = bytes - 4096;
        while (left > 1024) {
            int rows = (int) Math.min(IMAGE_SIDE, (left - 512) / (IMAGE_SIDE * 3L));
            if (rows < 1) {
                break;
            }
            heights.add(rows);
            left -= (long) rows * IMAGE_SIDE * 3 + 512;
        }
        if (heights.isEmpty()) {
            return;
        }
        Random noise = new Random(perImage);
        int pages = pdf.getNumberOfPages();
        for (int i = 0; i < heights.size(); i++) {
            BufferedImage image = new BufferedImage(IMAGE_SIDE, heights.get(i), BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < IMAGE_SIDE; x++) {
                for (int z = 0; z < heights.get(i); z++) {
                    image.setRGB(x, z, noise.nextInt(0x1000000));
                }
            }
            PDImageXObject picture = LosslessFactory.createFromImage(pdf, image);
            PDPage target = pdf.getPage((int) ((long) i * pages / heights.size()));
            try (PDPageContentStream drawing = new PDPageContentStream(pdf, target,
                    PDPageContentStream.AppendMode.APPEND, true)) {
                drawing.drawImage(picture, 400, 20, 40, 30);
            }
        }
    }
}
