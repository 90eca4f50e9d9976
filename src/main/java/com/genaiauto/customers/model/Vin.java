package com.genaiauto.customers.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A vehicle identification number (ISO 3779): 17 characters without I, O or Q. For vehicles made
 * for North America (first character 1–5) the ninth character is a check digit, which must match.
 */
public record Vin(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    public Vin {
        if (value == null) {
            throw new InvalidVinException("VIN is required");
        }
        value = value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (value.length() != 17) {
            throw new InvalidVinException("VIN must have 17 characters");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidVinException("VIN may only use digits and letters other than I, O and Q");
        }
        if (isNorthAmerican(value) && value.charAt(8) != checkDigit(value)) {
            throw new InvalidVinException("VIN check digit does not match");
        }
    }

    @JsonCreator
    public static Vin of(String value) {
        return new Vin(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    static boolean isNorthAmerican(String vin) {
        char region = vin.charAt(0);
        return region >= '1' && region <= '5';
    }

    /** The ninth-position check digit: weighted sum of transliterated characters modulo 11. */
    public static char checkDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> throw new InvalidVinException("VIN may only use digits and letters other than I, O and Q");
        };
    }

    @Override
    public String toString() {
        return value;
    }

    /** The VIN is malformed; the message says how. */
    public static final class InvalidVinException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidVinException(String message) {
            super(message);
        }
    }
}
