package com.genaiauto.platform.tasks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An admin task's query parameters, read with the checks every task needs. */
public final class TaskInput {

    private final Map<String, List<String>> parameters;

    public TaskInput(Map<String, List<String>> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    /** The first value of {@code name}, trimmed; empty when absent. */
    public String text(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).trim();
    }

    public String required(String name, String hint) {
        String value = text(name);
        if (value.isEmpty()) {
            throw TaskFailure.invalid("pass " + name + "=" + hint);
        }
        return value;
    }

    /** A whole number of at least {@code minimum}. */
    public int atLeast(String name, int minimum) {
        String value = required(name, "<a whole number, at least " + minimum + ">");
        try {
            int number = Integer.parseInt(value);
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // Refused below with the same message.
        }
        throw TaskFailure.invalid(name + " must be a whole number, at least " + minimum);
    }

    /** One of {@code allowed}, case-insensitive, returned in lower case. */
    public String oneOf(String name, Set<String> allowed) {
        String sorted = String.join("|", new TreeSet<>(allowed));
        String value = required(name, sorted).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw TaskFailure.invalid(name + " must be one of " + sorted);
        }
        return value;
    }
}
