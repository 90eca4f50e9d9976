package com.genaiauto.pii;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts originals back for the placeholders in a model's answer. Models copy placeholders mostly
 * verbatim but sometimes change case, brackets or separators ({@code [email_1]}, {@code (Email 1)},
 * {@code EMAIL_1}, {@code [EMAIL]}); such a variant is restored when it names exactly one
 * placeholder of the conversation, and left alone otherwise.
 */
final class Placeholders {

    private static final String TYPES = "e-?mail|phone|card|national[ _-]?id|plate|address";
    private static final Pattern VARIANT = Pattern.compile(
            "(?i)[\\[({<]\\s*(?<bracketed>" + TYPES + ")(?:[ _-]?#?(?<bracketedNumber>\\d{1,4}))?\\s*[\\])}>]"
                    + "|\\b(?<bare>e-?mail|phone|card|national[_-]id|plate|address)[_-](?<bareNumber>\\d{1,4})\\b");

    private Placeholders() {
    }

    static String restore(String answer, Map<String, String> originals) {
        if (answer == null || answer.isEmpty() || originals.isEmpty()) {
            return answer;
        }
        Matcher m = VARIANT.matcher(answer);
        StringBuilder out = new StringBuilder(answer.length() + 32);
        while (m.find()) {
            String typeName = m.group("bracketed") != null ? m.group("bracketed") : m.group("bare");
            String number = m.group("bracketed") != null ? m.group("bracketedNumber") : m.group("bareNumber");
            String original = lookup(typeOf(typeName), number, originals);
            m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lookup(PiiType type, String number, Map<String, String> originals) {
        if (number != null) {
            return originals.get(type.placeholder(Integer.parseInt(number)));
        }
        // "[EMAIL]" without its number: unambiguous only if the conversation has a single e-mail.
        String prefix = "[" + type.name() + "_";
        String only = null;
        for (Map.Entry<String, String> entry : originals.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                if (only != null) {
                    return null;
                }
                only = entry.getValue();
            }
        }
        return only;
    }

    private static PiiType typeOf(String name) {
        String letters = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return switch (letters) {
            case "EMAIL" -> PiiType.EMAIL;
            case "PHONE" -> PiiType.PHONE;
            case "CARD" -> PiiType.CARD;
            case "NATIONALID" -> PiiType.NATIONAL_ID;
            case "PLATE" -> PiiType.PLATE;
            default -> PiiType.ADDRESS;
        };
    }
}
