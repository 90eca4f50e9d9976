package com.genaiauto.conversations.answer;

import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.parse.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes an answer from the chosen manual lines without a language model: the lines themselves,
 * answer first, word for word (figures and part names stay exactly as the manual gives them), each
 * document's lines followed by its citation, table rows as a table under their header, and a last
 * line that says the answer was quoted rather than written. A language model, when there is one,
 * is given the same lines laid out the same way ({@link #lines}).
 */
public final class ExtractiveAnswer {

    public static final String QUOTED = "(Quoted from the manuals: no language model is available right now.)";

    private ExtractiveAnswer() {
    }

    public static String render(Selection selection, Citations citations, String preface) {
        StringBuilder text = new StringBuilder();
        if (preface != null && !preface.isBlank()) {
            text.append(preface.strip()).append("\n\n");
        }
        appendLines(text, selection, citations);
        return text.append("\n\n").append(QUOTED).toString();
    }

    /**
     * The chosen lines as an answer quotes them (under their headings, tables whole, each document's
     * lines followed by its citation), with nothing around them: what a language model is given to
     * answer from.
     */
    public static String lines(Selection selection, Citations citations) {
        StringBuilder text = new StringBuilder();
        appendLines(text, selection, citations);
        return text.toString();
    }

    private static void appendLines(StringBuilder text, Selection selection, Citations citations) {
        List<Selection.Picked> picked = selection.picked();
        int i = 0;
        while (i < picked.size()) {
            SearchHit hit = picked.get(i).hit();
            List<Selection.Picked> sameDocument = new ArrayList<>();
            while (i < picked.size() && picked.get(i).hit().documentId().equals(hit.documentId())) {
                sameDocument.add(picked.get(i++));
            }
            appendDocument(text, sameDocument, citations.marker(hit));
        }
    }

    private static void appendDocument(StringBuilder text, List<Selection.Picked> lines, String marker) {
        if (text.length() > 0 && !text.toString().endsWith("\n\n")) {
            text.append("\n\n");
        }
        StringBuilder prose = new StringBuilder();
        String tableHeader = null;
        List<String> rows = new ArrayList<>();
        AnswerUnit.Kind last = null;
        String under = null;
        for (Selection.Picked line : lines) {
            AnswerUnit unit = line.unit();
            AnswerUnit.Kind previous = last;
            last = unit.kind();
            String heading = Chunk.lastHeading(line.hit().section());
            boolean newSection = heading != null && !heading.equals(under) && !heading.equals(line.hit().title());
            if (unit.kind() != AnswerUnit.Kind.TABLE_ROW && newSection) {
                // Lines of another section start a paragraph under their heading, which often names
                // what they are about: an owner who describes a symbol learns which light it is
                // ("Tire Pressure Monitoring System (TPMS) Light"). Not repeated by a line that says it.
                flushTable(prose, tableHeader, rows);
                tableHeader = null;
                // A blank line even after a table: on the next line the heading would read as a row.
                while (prose.length() > 0 && prose.charAt(prose.length() - 1) == '\n') {
                    prose.setLength(prose.length() - 1);
                }
                separate(prose, "\n\n");
                if (!unit.text().toLowerCase(Locale.ROOT).contains(heading.toLowerCase(Locale.ROOT))) {
                    prose.append(heading).append(":\n");
                }
                previous = null;
            }
            under = heading;
            switch (unit.kind()) {
                case TABLE_ROW -> {
                    if (!Objects.equals(tableHeader, unit.context())) {
                        flushTable(prose, tableHeader, rows);
                        tableHeader = unit.context();
                        // The heading a table sits under often says what it is for ("Aster (2023–2026)"),
                        // unless a line of the same section above has named it already.
                        if (newSection) {
                            separate(prose, "\n\n");
                            prose.append(heading).append(':');
                        }
                    }
                    rows.add(unit.text());
                }
                case LIST_ITEM -> {
                    flushTable(prose, tableHeader, rows);
                    tableHeader = null;
                    separate(prose, previous == AnswerUnit.Kind.SENTENCE ? "\n\n" : "\n");
                    prose.append(unit.text());
                }
                default -> {
                    flushTable(prose, tableHeader, rows);
                    tableHeader = null;
                    separate(prose, previous == AnswerUnit.Kind.LIST_ITEM ? "\n\n" : " ");
                    prose.append(unit.text());
                }
            }
        }
        flushTable(prose, tableHeader, rows);
        String body = prose.toString().strip();
        text.append(body);
        // After a table, a paragraph of its own: on the next line it would read as one more row.
        text.append(body.endsWith("|") ? "\n\n" : " ").append(marker);
    }

    private static void separate(StringBuilder prose, String separator) {
        if (prose.length() > 0 && !prose.toString().endsWith("\n")) {
            prose.append(separator);
        }
    }

    private static void flushTable(StringBuilder prose, String header, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (prose.length() > 0) {
            prose.append("\n\n");
        }
        if (header != null) {
            prose.append(header).append('\n').append(separatorRow(header)).append('\n');
        }
        prose.append(String.join("\n", rows)).append("\n");
        rows.clear();
    }

    private static String separatorRow(String header) {
        long cells = header.chars().filter(c -> c == '|').count() - 1;
        return "|" + " --- |".repeat((int) Math.max(1, cells));
    }
}
