package com.genaiauto.auth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, trimmed and lower-cased so that one person has one account. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    public Email {
        if (value == null) {
            throw new IllegalArgumentException("e-mail is required");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
    }

    @JsonCreator
    public static Email of(String value) {
        return new Email(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
