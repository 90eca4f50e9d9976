package com.genaiauto.rag.parse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A PDF decompression bomb is refused before its text is read")
class PdfBombTest {

    @Test
    void shouldRefuseAPageWhoseContentsInflateBeyondTheCeiling() throws Exception {
        byte[] bomb = pdfWithContentOf(100);

        assertThatThrownBy(() -> new PdfParser().parse(bomb))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("64 MiB");
    }

    /** One page whose content stream is a line of text and {@code megabytes} of spaces, deflated (about 100 KB). */
    private static byte[] pdfWithContentOf(int megabytes) throws Exception {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            COSStream contents = pdf.getDocument().createCOSStream();
            try (OutputStream stream = contents.createOutputStream(COSName.FLATE_DECODE)) {
                stream.write("BT /F1 12 Tf 72 700 Td (Tyre pressure 2.5 bar) Tj ET\n".getBytes(StandardCharsets.US_ASCII));
                byte[] spaces = new byte[1024 * 1024];
                Arrays.fill(spaces, (byte) ' ');
                for (int i = 0; i < megabytes; i++) {
                    stream.write(spaces);
                }
            }
            page.getCOSObject().setItem(COSName.CONTENTS, contents);
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
