package com.genaiauto.pii;

import java.util.regex.Pattern;

/**
 * The kinds of personal data the masker replaces, in the order they win when two candidates
 * overlap (an e-mail address beats the digits inside it, a card number beats a phone-like run).
 */
public enum PiiType {
    EMAIL,
    CARD,
    NATIONAL_ID,
    PHONE,
    ADDRESS,
    PLATE;

    /** Any placeholder, as {@link #placeholder} writes them. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+_\\d+]");

    /** The placeholder for the {@code number}-th value of this type: {@code [EMAIL_1]}. */
    public String placeholder(int number) {
        return "[" + name() + "_" + number + "]";
    }
}
