package com.genaiauto.rag.parse;

import com.genaiauto.rag.model.AnswerUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chunk's text into answer units: prose into sentences, lists into items, tables into
 * rows (each with the table's header row). Works on the chunk text as the chunker writes it —
 * blocks separated by blank lines, list items as "- " or "1. " lines, table rows as "| a | b |".
 */
public final class AnswerUnits {

    // Shorter "sentences" (a stray "Note:" or "1.") carry no fact on their own: they join the next.
    private static final int MIN_SENTENCE = 25;
    private static final int MAX_UNIT = 600;

    private AnswerUnits() {
    }

    /** A unit before it has an identity or a vector. */
    public record Draft(AnswerUnit.Kind kind, String text, String context) {
    }

    public static List<Draft> split(String content) {
        List<Draft> units = new ArrayList<>();
        for (String block : content.split("\\n\\s*\\n")) {
            List<String> lines = block.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            if (lines.stream().allMatch(line -> line.startsWith("|"))) {
                table(lines, units);
            } else if (lines.stream().allMatch(AnswerUnits::isListLine)) {
                for (String line : lines) {
                    add(units, AnswerUnit.Kind.LIST_ITEM, line, null);
                }
            } else {
                for (String line : lines) {
                    if (isListLine(line)) {
                        add(units, AnswerUnit.Kind.LIST_ITEM, line, null);
                    } else {
                        sentences(line, units);
                    }
                }
            }
        }
        return units;
    }

    private static void table(List<String> rows, List<Draft> units) {
        String header = rows.get(0);
        if (rows.size() == 1) {
            add(units, AnswerUnit.Kind.TABLE_ROW, header, null);
            return;
        }
        for (String row : rows.subList(1, rows.size())) {
            if (!row.matches("\\|[-:| ]+\\|")) {
                add(units, AnswerUnit.Kind.TABLE_ROW, row, header);
            }
        }
    }

    private static void sentences(String prose, List<Draft> units) {
        StringBuilder pending = new StringBuilder();
        for (String sentence : Chunker.sentences(prose)) {
            if (pending.length() > 0) {
                pending.append(' ');
            }
            pending.append(sentence);
            if (pending.length() >= MIN_SENTENCE) {
                add(units, AnswerUnit.Kind.SENTENCE, pending.toString(), null);
                pending.setLength(0);
            }
        }
        if (pending.length() > 0) {
            add(units, AnswerUnit.Kind.SENTENCE, pending.toString(), null);
        }
    }

    private static boolean isListLine(String line) {
        return line.matches("^([-*•]|\\d+[.)])\\s+.*");
    }

    private static void add(List<Draft> units, AnswerUnit.Kind kind, String text, String context) {
        String clean = text.strip();
        if (clean.isEmpty()) {
            return;
        }
        // A unit is quoted whole: an overlong one (a dump without full stops) is cut at words.
        while (clean.length() > MAX_UNIT) {
            int cut = clean.lastIndexOf(' ', MAX_UNIT);
            cut = cut > MAX_UNIT / 2 ? cut : MAX_UNIT;
            units.add(new Draft(kind, clean.substring(0, cut).strip(), context));
            clean = clean.substring(cut).strip();
        }
        if (!clean.isEmpty()) {
            units.add(new Draft(kind, clean, context));
        }
    }
}
