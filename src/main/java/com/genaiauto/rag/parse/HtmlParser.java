package com.genaiauto.rag.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** HTML through jsoup: headings, paragraphs, lists and tables in document order; chrome dropped. */
public final class HtmlParser implements DocumentParser {

    private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, ul, ol, table, pre, blockquote, dl";

    @Override
    public ParsedDocument parse(byte[] content) {
        Document html = Jsoup.parse(new String(content, StandardCharsets.UTF_8));
        html.select("script, style, nav, header, footer, noscript, template, svg, form").remove();
        HeadingPath path = new HeadingPath();
        List<Block> blocks = new ArrayList<>();
        String title = html.title().isBlank() ? null : html.title().strip();
        for (Element element : html.body().select(BLOCKS)) {
            // Nested matches (a list inside a table cell) are part of their outer block already.
            if (hasBlockAncestor(element)) {
                continue;
            }
            String tag = element.tagName();
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    int level = tag.charAt(1) - '0';
                    if (title == null && level == 1) {
                        title = element.text().strip();
                    }
                    path.enter(level, element.text());
                }
                case "ul", "ol" -> blocks.add(new Block(path.current(), Block.Kind.LIST, listText(element)));
                case "table" -> blocks.add(new Block(path.current(), Block.Kind.TABLE, tableText(element)));
                case "pre" -> blocks.add(new Block(path.current(), Block.Kind.CODE, element.wholeText()));
                default -> blocks.add(new Block(path.current(), Block.Kind.PARAGRAPH, element.text()));
            }
        }
        if (blocks.isEmpty() && !html.body().text().isBlank()) {
            blocks.add(new Block(List.of(), Block.Kind.PARAGRAPH, html.body().text()));
        }
        return new ParsedDocument(title, blocks);
    }

    private static boolean hasBlockAncestor(Element element) {
        for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
            if (parent.is("ul, ol, table, pre, blockquote, dl, p")) {
                return true;
            }
        }
        return false;
    }

    private static String listText(Element list) {
        StringBuilder text = new StringBuilder();
        int number = 1;
        for (Element item : list.children()) {
            if (item.is("li")) {
                text.append(list.is("ol") ? (number++) + ". " : "- ").append(item.text()).append('\n');
            }
        }
        return text.toString();
    }

    private static String tableText(Element table) {
        StringBuilder text = new StringBuilder();
        for (Element row : table.select("tr")) {
            Elements cells = row.select("th, td");
            List<String> values = cells.stream().map(cell -> cell.text().strip()).toList();
            text.append("| ").append(String.join(" | ", values)).append(" |\n");
        }
        return text.toString();
    }
}
