package com.genaiauto.pii;

/** One piece of personal data found in a text: its type and its span {@code [start, end)}. */
public record PiiMatch(PiiType type, int start, int end, String value) {

    boolean overlaps(PiiMatch other) {
        return start < other.end && other.start < end;
    }
}
