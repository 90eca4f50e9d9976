package com.genaiauto.pii;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text with its personal data replaced by placeholders, and what each placeholder stood for.
 *
 * @param text      the masked text, safe to send to a model provider or to log
 * @param originals placeholder ({@code [EMAIL_1]}) to the original value, in order of appearance
 */
public record MaskedText(String text, Map<String, String> originals) {

    public MaskedText {
        originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
    }

    /** True when something was masked. */
    public boolean masked() {
        return !originals.isEmpty();
    }

    /** The model's answer with the originals back in place of the placeholders it repeated. */
    public String restore(String answerFromModel) {
        return Placeholders.restore(answerFromModel, originals);
    }
}
