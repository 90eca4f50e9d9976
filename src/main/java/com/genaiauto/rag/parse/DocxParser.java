package com.genaiauto.rag.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Word documents through Apache POI: heading styles, paragraphs, numbered/bulleted lists, tables. */
public final class DocxParser implements DocumentParser {

    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)^(heading|berschrift|titre)\\s*(\\d)$");

    @Override
    public ParsedDocument parse(byte[] content) throws UnreadableDocumentException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(content))) {
            HeadingPath path = new HeadingPath();
            List<Block> blocks = new ArrayList<>();
            StringBuilder list = new StringBuilder();
            String title = docx.getProperties() == null || docx.getProperties().getCoreProperties() == null
                    ? null : docx.getProperties().getCoreProperties().getTitle();
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    String text = paragraph.getText().strip();
                    int level = headingLevel(paragraph);
                    boolean listItem = paragraph.getNumID() != null;
                    if (!listItem && list.length() > 0) {
                        blocks.add(new Block(path.current(), Block.Kind.LIST, list.toString()));
                        list.setLength(0);
                    }
                    if (text.isEmpty()) {
                        continue;
                    }
                    if (level > 0) {
                        if (title == null && level == 1) {
                            title = text;
                        }
                        path.enter(level, text);
                    } else if ("Title".equalsIgnoreCase(paragraph.getStyle())) {
                        title = title == null ? text : title;
                    } else if (listItem) {
                        list.append("- ").append(text).append('\n');
                    } else {
                        blocks.add(new Block(path.current(), Block.Kind.PARAGRAPH, text));
                    }
                } else if (element instanceof XWPFTable table) {
                    if (list.length() > 0) {
                        blocks.add(new Block(path.current(), Block.Kind.LIST, list.toString()));
                        list.setLength(0);
                    }
                    blocks.add(new Block(path.current(), Block.Kind.TABLE, tableText(table)));
                }
            }
            if (list.length() > 0) {
                blocks.add(new Block(path.current(), Block.Kind.LIST, list.toString()));
            }
            return new ParsedDocument(title == null || title.isBlank() ? null : title.strip(), blocks);
        } catch (IOException | RuntimeException e) {
            // POI reports a non-OOXML or damaged file with several unchecked exception types.
            throw new UnreadableDocumentException("the file is not a readable DOCX document", e);
        }
    }

    private static int headingLevel(XWPFParagraph paragraph) {
        String style = paragraph.getStyle();
        if (style == null) {
            return 0;
        }
        Matcher matcher = HEADING_STYLE.matcher(style.replace("Ü", "").replace("ü", ""));
        return matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
    }

    private static String tableText(XWPFTable table) {
        StringBuilder text = new StringBuilder();
        for (XWPFTableRow row : table.getRows()) {
            List<String> cells = row.getTableCells().stream().map(XWPFTableCell::getText).map(String::strip).toList();
            text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return text.toString();
    }
}
