package com.genaiauto.rag.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown through commonmark (with GitHub tables): headings, paragraphs, lists, tables, code; a
 * YAML front matter block is read as the document's own metadata, not as text.
 */
public final class MarkdownParser implements DocumentParser {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    @Override
    public ParsedDocument parse(byte[] content) {
        return parse(new String(content, StandardCharsets.UTF_8));
    }

    public ParsedDocument parse(String markdown) {
        FrontMatter.Split split = FrontMatter.split(markdown);
        Node document = PARSER.parse(split.body());
        HeadingPath path = new HeadingPath();
        List<Block> blocks = new ArrayList<>();
        String title = null;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                String text = inlineText(heading);
                if (title == null && heading.getLevel() == 1) {
                    title = text.strip();
                }
                path.enter(heading.getLevel(), text);
            } else if (node instanceof Paragraph || node instanceof BlockQuote) {
                blocks.add(new Block(path.current(), Block.Kind.PARAGRAPH, inlineText(node)));
            } else if (node instanceof BulletList || node instanceof OrderedList) {
                blocks.add(new Block(path.current(), Block.Kind.LIST, listText(node, "")));
            } else if (node instanceof TableBlock table) {
                blocks.add(new Block(path.current(), Block.Kind.TABLE, tableText(table)));
            } else if (node instanceof FencedCodeBlock code) {
                blocks.add(new Block(path.current(), Block.Kind.CODE, code.getLiteral()));
            } else if (node instanceof IndentedCodeBlock code) {
                blocks.add(new Block(path.current(), Block.Kind.CODE, code.getLiteral()));
            } else if (!(node instanceof ThematicBreak)) {
                blocks.add(new Block(path.current(), Block.Kind.PARAGRAPH, inlineText(node)));
            }
        }
        if (split.frontMatter().title() != null) {
            title = split.frontMatter().title();
        }
        return new ParsedDocument(title, blocks, split.frontMatter());
    }

    private static String listText(Node list, String indent) {
        StringBuilder text = new StringBuilder();
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + ". " : "- ";
            StringBuilder line = new StringBuilder();
            StringBuilder nested = new StringBuilder();
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof BulletList || child instanceof OrderedList) {
                    nested.append(listText(child, indent + "  "));
                } else {
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(inlineText(child).strip());
                }
            }
            text.append(indent).append(marker).append(line).append('\n').append(nested);
        }
        return text.toString();
    }

    private static String tableText(TableBlock table) {
        StringBuilder text = new StringBuilder();
        collectRows(table, text);
        return text.toString();
    }

    private static void collectRows(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(inlineText(cell).strip());
                    }
                }
                text.append("| ").append(String.join(" | ", cells)).append(" |\n");
            } else {
                collectRows(child, text);
            }
        }
    }

    private static String inlineText(Node node) {
        StringBuilder text = new StringBuilder();
        appendInline(node, text);
        return text.toString().replaceAll("[ \\t]+", " ");
    }

    private static void appendInline(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text literal) {
                text.append(literal.getLiteral());
            } else if (child instanceof Code code) {
                text.append(code.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                text.append(' ');
            } else if (child instanceof Paragraph && text.length() > 0) {
                text.append('\n');
                appendInline(child, text);
            } else {
                appendInline(child, text);
            }
        }
    }
}
