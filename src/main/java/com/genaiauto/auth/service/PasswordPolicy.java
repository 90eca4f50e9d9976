package com.genaiauto.auth.service;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The minimum a password must meet: long enough, not trivially guessable, not the e-mail itself.
 * Length matters more than character classes, so only a light mix is asked for.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of("password12", "password123", "1234567890", "qwertyuiop",
            "123456789a", "iloveyou12", "letmein123", "welcome123", "passw0rd12", "administrator");

    private PasswordPolicy() {
    }

    public static void check(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long");
        } else {
            if (password.length() > MAX_LENGTH) {
                problems.add("must be at most " + MAX_LENGTH + " characters long");
            }
            boolean letter = password.chars().anyMatch(Character::isLetter);
            boolean other = password.chars().anyMatch(c -> !Character.isLetter(c));
            if (!letter || !other) {
                problems.add("must mix letters with digits or symbols");
            }
            String lower = password.toLowerCase(Locale.ROOT);
            if (COMMON.contains(lower)) {
                problems.add("is too common");
            }
            if (email != null && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0])
                    && email.split("@")[0].length() >= 4) {
                problems.add("must not contain your e-mail name");
            }
            if (password.chars().distinct().count() < 4) {
                problems.add("must use more than three different characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException("The password " + String.join(", ", problems) + ".",
                    Map.of("fields", List.of(Map.of("field", "password", "message", String.join("; ", problems)))));
        }
    }
}
