package com.genaiauto.platform.tracing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a SQL statement does, to name its span: the operation ({@code SELECT}, {@code INSERT}, …;
 * for {@code WITH} the statement the CTEs feed) and the main table (none when it reads a CTE),
 * read from the words outside parentheses so that sub-queries and {@code extract(epoch FROM …)}
 * do not count. Literals and comments (Dropwizard prefixes each DAO statement with one) are
 * skipped, never returned.
 */
record SqlStatementName(String operation, String table) {

    private static final Set<String> MAIN = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE");

    static SqlStatementName of(String sql) {
        List<String> words = topLevelWords(sql == null ? "" : sql);
        if (words.isEmpty()) {
            return new SqlStatementName("SQL", null);
        }
        String operation = words.get(0).toUpperCase(Locale.ROOT);
        int at = 0;
        if (operation.equals("WITH")) {
            for (int i = 1; i < words.size(); i++) {
                if (MAIN.contains(words.get(i).toUpperCase(Locale.ROOT))) {
                    operation = words.get(i).toUpperCase(Locale.ROOT);
                    at = i;
                    break;
                }
            }
        }
        String table = switch (operation) {
            case "SELECT", "DELETE" -> after(words, at, "FROM");
            case "INSERT", "MERGE" -> after(words, at, "INTO");
            case "UPDATE" -> after(words, at, "UPDATE");
            default -> null;
        };
        // A statement reading one of its own CTEs names no table of the schema.
        return new SqlStatementName(operation, table != null && cteNames(words, at).contains(table) ? null : table);
    }

    /** The names a {@code WITH} defines before word {@code end}: each name stands before {@code AS (}. */
    private static Set<String> cteNames(List<String> words, int end) {
        Set<String> names = new HashSet<>();
        for (int i = 1; i + 1 < end; i++) {
            String next = words.get(i + 1).toUpperCase(Locale.ROOT);
            if (words.get(i).equalsIgnoreCase("AS") && (next.equals("(") || next.equals("MATERIALIZED")
                    || next.equals("NOT"))) {
                names.add(words.get(i - 1).replace("\"", ""));
            }
        }
        return names;
    }

    String spanName() {
        return table == null ? operation : operation + " " + table;
    }

    /** The identifier after the first {@code keyword} from {@code start} on, when it is one. */
    private static String after(List<String> words, int start, String keyword) {
        for (int i = start; i < words.size() - 1; i++) {
            if (words.get(i).equalsIgnoreCase(keyword)) {
                String next = words.get(i + 1);
                if (next.equalsIgnoreCase("ONLY") && i + 2 < words.size()) {
                    next = words.get(i + 2);
                }
                return isIdentifier(next) ? next.replace("\"", "") : null;
            }
        }
        return null;
    }

    private static boolean isIdentifier(String word) {
        return !word.isEmpty() && (Character.isLetter(word.charAt(0)) || word.charAt(0) == '_' || word.charAt(0) == '"');
    }

    /**
     * The words (identifiers, keywords, qualified names) outside any parentheses; a parenthesised
     * part stands as one {@code (} so that "FROM (" is not read as a table.
     */
    private static List<String> topLevelWords(String sql) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipTo(sql, i + 2, "\n");
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipTo(sql, i + 2, "*/");
            } else if (c == '\'') {
                i = skipTo(sql, i + 1, "'");
            } else if (c == '(') {
                if (depth == 0) {
                    words.add("(");
                }
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '"') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || "_.$\"".indexOf(sql.charAt(end)) >= 0)) {
                    end++;
                }
                if (depth == 0) {
                    words.add(sql.substring(i, end));
                }
                i = end;
            } else {
                i++;
            }
        }
        return words;
    }

    private static int skipTo(String sql, int from, String end) {
        int found = sql.indexOf(end, from);
        return found < 0 ? sql.length() : found + end.length();
    }
}
