package com.genaiauto.ops;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PromQL expression reads, for tests that check rules and dashboards against real scrapes:
 * its vector selectors and metric names (functions, keywords and label names left out), and the
 * expression with its thresholds turned into {@code bool} comparisons, which returns data whenever
 * what it compares exists and the two sides of every operator match.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        for (String selector : selectors(expression)) {
            int brace = selector.indexOf('{');
            if (brace != 0) {
                names.add(brace < 0 ? selector : selector.substring(0, brace));
            }
        }
        return names;
    }

    /**
     * The vector selectors in the order they appear, each a query of its own: the metric name and
     * its label matchers as written ({@code cache_operations_total{operation="hit"}}), without
     * range or offset.
     */
    static Set<String> selectors(String expression) {
        Set<String> selectors = new LinkedHashSet<>();
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expression, i);
            } else if (c == '[') {
                i = expression.indexOf(']', i) + 1;
            } else if (c == '{') {
                int end = skipBraces(expression, i);
                selectors.add(expression.substring(i, end));
                i = end;
            } else if (identifierStart(c) && (i == 0 || !identifierPart(expression.charAt(i - 1))
                    && expression.charAt(i - 1) != '.')) {
                int end = i;
                while (end < length && identifierPart(expression.charAt(end))) {
                    end++;
                }
                String name = expression.substring(i, end);
                int next = skipSpaces(expression, end);
                // A call, or an aggregation with its grouping first: sum by (x) (...).
                boolean call = next < length && expression.charAt(next) == '('
                        || startsWithWord(expression, next, "by") || startsWithWord(expression, next, "without");
                if (call && LABEL_LISTS.contains(name.toLowerCase(Locale.ROOT))) {
                    i = expression.indexOf(')', next) + 1;
                } else if (call || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                    i = end;
                } else if (next < length && expression.charAt(next) == '{') {
                    int close = skipBraces(expression, next);
                    selectors.add(name + expression.substring(next, close));
                    i = close;
                } else {
                    selectors.add(name);
                    i = end;
                }
            } else if (Character.isDigit(c) || c == '.') {
                // A number or a duration: 0.95, 1e3, 5m.
                while (i < length && (identifierPart(expression.charAt(i)) || expression.charAt(i) == '.')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return selectors;
    }

    /**
     * The expression with {@code bool} after every comparison operator and without what follows a
     * top-level {@code unless} (which takes away series on purpose): it has a result whenever the
     * selectors have data and the operands of every arithmetic and {@code and}/{@code on} operator
     * match, whatever the thresholds.
     */
    static String withoutThresholds(String expression) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int end = skipString(expression, i);
                out.append(expression, i, end);
                i = end;
            } else if (c == '{') {
                int end = skipBraces(expression, i);
                out.append(expression, i, end);
                i = end;
            } else if (c == '[') {
                int end = expression.indexOf(']', i) + 1;
                out.append(expression, i, end);
                i = end;
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                out.append(c);
                i++;
            } else if (depth == 0 && expression.startsWith("unless", i) && (i == 0
                    || !identifierPart(expression.charAt(i - 1))) && (i + 6 == length
                    || !identifierPart(expression.charAt(i + 6)))) {
                break;
            } else if (c == '=' || c == '!' || c == '>' || c == '<') {
                int end = i + (i + 1 < length && expression.charAt(i + 1) == '=' ? 2 : 1);
                out.append(expression, i, end);
                int next = skipSpaces(expression, end);
                if (!expression.startsWith("bool", next)) {
                    out.append(" bool");
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip();
    }

    private static boolean startsWithWord(String expression, int at, String word) {
        return expression.regionMatches(true, at, word, 0, word.length())
                && (at + word.length() == expression.length() || !identifierPart(expression.charAt(at + word.length())));
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int skipSpaces(String expression, int from) {
        int i = from;
        while (i < expression.length() && Character.isWhitespace(expression.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the string literal that starts at {@code from}. */
    private static int skipString(String expression, int from) {
        char quote = expression.charAt(from);
        int i = from + 1;
        while (i < expression.length() && expression.charAt(i) != quote) {
            i += expression.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return Math.min(i + 1, expression.length());
    }

    /** The index after the label matchers that start at {@code from}. */
    private static int skipBraces(String expression, int from) {
        int i = from + 1;
        while (i < expression.length() && expression.charAt(i) != '}') {
            char c = expression.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(expression, i) : i + 1;
        }
        return Math.min(i + 1, expression.length());
    }
}
