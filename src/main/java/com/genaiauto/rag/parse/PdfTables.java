package com.genaiauto.rag.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables in a PDF's text layer. A PDF keeps no cells, only words at positions, and its text reader
 * merges the cells that share a baseline into one line ("Car completely dead, 12 V battery flat Open
 * with the"), so a row whose cells wrap becomes a handful of lines that each mix three cells. A
 * table shows itself by its gutters: strips of white space that run down every line of it, between
 * runs of words set a clear gap apart. A run of lines that keeps at least one gutter is read as a
 * table: its columns are what lies between the gutters, a row is the lines up to the next wider
 * line gap (cell padding) — or, where rows are not padded, up to the next line with text in the
 * first column — and the first row is the header.
 */
final class PdfTables {

    /** A word set in the text layer, from its left edge to its right. */
    record Word(String text, float x0, float x1) {
    }

    /** A table found from line {@code start} up to (not including) line {@code end}; the first row is the header. */
    record Found(int start, int end, List<List<String>> rows) {
        Found {
            rows = rows.stream().map(List::copyOf).toList();
        }

        String markdown() {
            StringBuilder markdown = new StringBuilder();
            rows.forEach(row -> markdown.append("| ").append(String.join(" | ", row)).append(" |\n"));
            return markdown.toString();
        }

        /**
         * This table followed by its continuation on the next page, which repeats the header; a
         * continuation row whose first cell is empty is the rest of the row the page break cut.
         */
        Found continuedBy(Found next) {
            List<List<String>> merged = new ArrayList<>(rows);
            List<List<String>> more = new ArrayList<>(next.rows.subList(1, next.rows.size()));
            if (!more.isEmpty() && more.get(0).get(0).isEmpty()) {
                List<String> cut = new ArrayList<>(merged.remove(merged.size() - 1));
                for (int c = 0; c < cut.size(); c++) {
                    String rest = more.get(0).get(c);
                    cut.set(c, rest.isEmpty() ? cut.get(c) : cut.get(c).isEmpty() ? rest : cut.get(c) + " " + rest);
                }
                merged.add(cut);
                more.remove(0);
            }
            merged.addAll(more);
            return new Found(start, next.end, merged);
        }
    }

    /** A gap at least this many ems wide separates cells; a word space is about a quarter of one. */
    private static final float CELL_GAP = 0.6f;
    private static final float MIN_GUTTER = 0.5f;
    /** A line spacing this much wider than the tightest in the table separates rows. */
    private static final float ROW_GAP = 1.15f;
    /** The widest line spacing, in ems, still read as single-spaced text. */
    private static final float SINGLE_SPACED = 1.25f;
    /** A line this far below the previous one (in tightest line spacings) no longer belongs to the table. */
    private static final float TABLE_GAP = 2.2f;
    private static final int MIN_LINES = 3;
    /** Points by which a word may miss a column's left edge and still start that column. */
    private static final float COLUMN_SLACK = 1.5f;

    private PdfTables() {
    }

    /** Every table among the lines, in order; headings never belong to one. */
    static List<Found> find(List<PdfParser.Line> lines, java.util.function.IntPredicate heading) {
        List<Found> tables = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (heading.test(i) || segments(lines.get(i)).size() < 2) {
                continue;
            }
            Found previous = tables.isEmpty() ? null : tables.get(tables.size() - 1);
            boolean nextPage = previous != null && previous.end() == i && lines.get(i).page() == lines.get(i - 1).page() + 1;
            Found found = grow(lines, i, from, heading, nextPage);
            if (found != null) {
                if (nextPage && found.start() == i && previous.rows().get(0).equals(found.rows().get(0))) {
                    found = previous.continuedBy(found);
                    tables.remove(tables.size() - 1);
                }
                tables.add(found);
                from = found.end();
                i = found.end() - 1;
            }
        }
        return tables;
    }

    /** Runs of words on a line separated by less than a cell gap: a cell's text, or a line of prose. */
    static List<Word> segments(PdfParser.Line line) {
        return atColumns(line, List.of());
    }

    /**
     * The line's words split also where a word starts where a column does. A cell filled almost to
     * the next column leaves only a word space before it, so the gap alone would merge the two cells.
     */
    private static List<Word> atColumns(PdfParser.Line line, List<float[]> gutters) {
        List<Word> segments = new ArrayList<>();
        float gap = CELL_GAP * Math.max(line.size(), 1);
        for (Word word : line.words()) {
            Word last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            boolean columnStart = gutters.stream().anyMatch(gutter -> Math.abs(word.x0() - gutter[1]) <= COLUMN_SLACK);
            if (last != null && word.x0() - last.x1() < gap && !columnStart) {
                segments.set(segments.size() - 1, new Word(last.text() + " " + word.text(), last.x0(), Math.max(last.x1(), word.x1())));
            } else {
                segments.add(word);
            }
        }
        return segments;
    }

    /**
     * The table that line {@code start} begins, if any. A table continued on a new page may hold
     * a single row under its repeated header, so there one line with cells apart is enough.
     */
    private static Found grow(List<PdfParser.Line> lines, int start, int floor, java.util.function.IntPredicate heading,
                              boolean continuing) {
        List<List<Word>> run = new ArrayList<>();
        run.add(segments(lines.get(start)));
        float em = lines.get(start).size();
        List<float[]> gutters = gutters(run, em);
        if (gutters.isEmpty()) {
            return null;
        }
        int end = start + 1;
        float pitch = Float.MAX_VALUE;
        while (end < lines.size() && lines.get(end).page() == lines.get(start).page()) {
            float step = lines.get(end).y() - lines.get(end - 1).y();
            if (step <= 0 || pitch != Float.MAX_VALUE && step > TABLE_GAP * pitch || step > TABLE_GAP * 1.5f * em) {
                break;
            }
            List<Word> next = segments(lines.get(end));
            // Words set in bold inside a cell ("55 mph") can look like a heading; a heading starts at the margin.
            if (heading.test(end) && next.get(0).x0() < gutters.get(0)[1] - COLUMN_SLACK) {
                break;
            }
            if (!keeps(gutters, next, em)) {
                next = atColumns(lines.get(end), gutters);
                if (!keeps(gutters, next, em)) {
                    break;
                }
            }
            run.add(next);
            gutters = gutters(run, em);
            pitch = Math.min(pitch, step);
            end++;
        }
        // A header set over several lines starts above the first line with cells apart.
        int first = start;
        while (first - 1 >= floor && !heading.test(first - 1) && lines.get(first - 1).page() == lines.get(start).page()) {
            float step = lines.get(first).y() - lines.get(first - 1).y();
            List<Word> previous = segments(lines.get(first - 1));
            if (step <= 0 || pitch == Float.MAX_VALUE || step > ROW_GAP * 1.3f * pitch || !keeps(gutters, previous, em)
                    || previous.get(0).x0() <= gutters.get(0)[0] && previous.size() < 2) {
                break;
            }
            run.add(0, previous);
            first--;
        }
        if (run.size() < (continuing ? 2 : MIN_LINES) || run.stream().filter(line -> line.size() >= 2).count() < (continuing ? 1 : 2)) {
            return null;
        }
        List<float[]> columns = gutters(run, em);
        List<List<String>> rows = rows(lines.subList(first, end), run, columns, pitch);
        if (!everyColumnHasWords(rows, columns.size() + 1)) {
            return null;
        }
        return new Found(first, end, rows);
    }

    /** True when none of the segments fills or crosses a gutter. */
    private static boolean keeps(List<float[]> gutters, List<Word> segments, float em) {
        for (float[] gutter : gutters) {
            for (Word segment : segments) {
                float left = Math.max(gutter[0], segment.x0());
                float right = Math.min(gutter[1], segment.x1());
                if (right > left && (gutter[1] - gutter[0]) - (right - left) < MIN_GUTTER * em) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The strips between the leftmost and rightmost word that no line's segments cover, each at least a gutter wide. */
    private static List<float[]> gutters(List<List<Word>> run, float em) {
        List<float[]> covered = new ArrayList<>();
        run.forEach(line -> line.forEach(segment -> covered.add(new float[] {segment.x0(), segment.x1()})));
        covered.sort((a, b) -> Float.compare(a[0], b[0]));
        List<float[]> gutters = new ArrayList<>();
        float reach = covered.get(0)[1];
        for (float[] span : covered) {
            if (span[0] - reach >= MIN_GUTTER * em) {
                gutters.add(new float[] {reach, span[0]});
            }
            reach = Math.max(reach, span[1]);
        }
        return gutters;
    }

    private static int column(List<float[]> gutters, Word segment) {
        int column = 0;
        while (column < gutters.size() && segment.x0() >= gutters.get(column)[1] - 0.01f) {
            column++;
        }
        return column;
    }

    private static List<List<String>> rows(List<PdfParser.Line> lines, List<List<Word>> run, List<float[]> gutters,
                                           float pitch) {
        // Lines of one cell are set about 1.2 ems apart; a table of few lines may show no tighter step.
        float single = Math.min(pitch, SINGLE_SPACED * lines.get(0).size());
        boolean padded = false;
        for (int i = 1; i < lines.size(); i++) {
            padded |= lines.get(i).y() - lines.get(i - 1).y() > ROW_GAP * single;
        }
        List<List<String>> rows = new ArrayList<>();
        List<StringBuilder> row = null;
        for (int i = 0; i < run.size(); i++) {
            boolean firstColumn = run.get(i).stream().anyMatch(segment -> column(gutters, segment) == 0);
            boolean starts = row == null || (padded ? lines.get(i).y() - lines.get(i - 1).y() > ROW_GAP * single : firstColumn);
            if (starts) {
                if (row != null) {
                    rows.add(row.stream().map(cell -> cell.toString().replace('|', '/')).toList());
                }
                row = new ArrayList<>();
                for (int c = 0; c <= gutters.size(); c++) {
                    row.add(new StringBuilder());
                }
            }
            for (Word segment : run.get(i)) {
                append(row.get(column(gutters, segment)), segment.text());
            }
        }
        rows.add(row.stream().map(cell -> cell.toString().replace('|', '/')).toList());
        return rows;
    }

    /** A cell's lines joined; a word broken at a hyphen ("1.25-" / "inch") joins without a space. */
    private static void append(StringBuilder cell, String text) {
        int length = cell.length();
        boolean broken = length > 1 && cell.charAt(length - 1) == '-' && Character.isLetterOrDigit(cell.charAt(length - 2))
                && Character.isLowerCase(text.codePointAt(0));
        if (length > 0 && !broken) {
            cell.append(' ');
        }
        cell.append(text);
    }

    /** A column of only bullets or step numbers is a list's margin, not a table's column. */
    private static boolean everyColumnHasWords(List<List<String>> rows, int columns) {
        for (int c = 0; c < columns; c++) {
            int column = c;
            if (rows.stream().noneMatch(row -> row.get(column).chars().filter(Character::isLetter).count() >= 2)) {
                return false;
            }
        }
        return true;
    }
}
