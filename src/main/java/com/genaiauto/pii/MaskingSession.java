package com.genaiauto.pii;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Masks the texts of one conversation consistently: the same e-mail address, phone number or
 * plate gets the same placeholder in every message of the prompt, and the answer is restored with
 * everything seen so far. Thread-safe; keep one per prompt (or per conversation, resumed from
 * {@link #originals()}).
 */
public final class MaskingSession {

    private final PiiDetector detector;
    private final Map<String, String> placeholderByKey = new HashMap<>();
    private final Map<String, String> originalByPlaceholder = new LinkedHashMap<>();
    private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

    MaskingSession(PiiDetector detector, Map<String, String> known) {
        this.detector = detector;
        known.forEach(this::remember);
    }

    /** {@code text} with each piece of personal data replaced by its placeholder. */
    public synchronized String mask(String text) {
        List<PiiMatch> matches = detector.find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (PiiMatch match : matches) {
            out.append(text, last, match.start()).append(placeholderFor(match));
            last = match.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The same as {@link #mask(String)}, with the placeholders known after it. */
    public synchronized MaskedText maskToText(String text) {
        return new MaskedText(mask(text), originalByPlaceholder);
    }

    /** {@code answerFromModel} with the originals back for every placeholder of this session. */
    public synchronized String restore(String answerFromModel) {
        return Placeholders.restore(answerFromModel, originalByPlaceholder);
    }

    /** Restores an answer that arrives in pieces (SSE tokens), never cutting through a placeholder. */
    public StreamingRestorer streamingRestorer() {
        return new StreamingRestorer(this);
    }

    /** Placeholder to original value for everything masked so far, in order of first appearance. */
    public synchronized Map<String, String> originals() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(originalByPlaceholder));
    }

    private String placeholderFor(PiiMatch match) {
        String key = key(match.type(), match.value());
        String placeholder = placeholderByKey.get(key);
        if (placeholder == null) {
            int number = counters.merge(match.type(), 1, Integer::sum);
            placeholder = match.type().placeholder(number);
            placeholderByKey.put(key, placeholder);
            originalByPlaceholder.put(placeholder, match.value());
        }
        return placeholder;
    }

    /** Resumes from a stored map: {@code [PHONE_2]} stays {@code [PHONE_2]}, new phones go on at 3. */
    private void remember(String placeholder, String original) {
        for (PiiType type : PiiType.values()) {
            String prefix = "[" + type.name() + "_";
            if (placeholder.startsWith(prefix) && placeholder.endsWith("]")) {
                int number = Integer.parseInt(placeholder.substring(prefix.length(), placeholder.length() - 1));
                counters.merge(type, number, Math::max);
                placeholderByKey.put(key(type, original), placeholder);
                originalByPlaceholder.put(placeholder, original);
                return;
            }
        }
        throw new IllegalArgumentException("Not a placeholder: " + placeholder);
    }

    /** What makes two spellings the same value: "+49 30 1234567" and "+49-30-1234567" are one phone. */
    private static String key(PiiType type, String value) {
        String normalised = switch (type) {
            case PHONE, CARD -> PiiDetector.digitsOf(value);
            case EMAIL, ADDRESS -> value.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
            case NATIONAL_ID, PLATE -> value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        };
        return type.name() + ":" + normalised;
    }
}
