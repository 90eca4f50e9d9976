package com.genaiauto.pii;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces personal data (e-mail addresses, phone numbers, Luhn-valid card numbers, national ids,
 * licence plates, street addresses) with typed, numbered placeholders such as {@code [EMAIL_1]}
 * before text leaves for a model provider or a log line, and puts the originals back into the
 * model's answer. Stateless and thread-safe; {@link #session()} gives the stateful, per-conversation
 * view that numbers the same value the same way across several messages.
 */
public final class PiiMasker {

    private static final PiiMasker STANDARD = new PiiMasker();

    private final PiiDetector detector;

    /** Masks every {@link PiiType}. */
    public PiiMasker() {
        this(EnumSet.allOf(PiiType.class));
    }

    /** Masks only the given types. */
    public PiiMasker(Set<PiiType> types) {
        this.detector = new PiiDetector(types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types));
    }

    /** The shared instance that masks every type. */
    public static PiiMasker standard() {
        return STANDARD;
    }

    /** Masks one text on its own; numbering starts at 1 for each type. */
    public MaskedText mask(String text) {
        return session().maskToText(text);
    }

    /** A fresh session for the texts of one prompt or conversation. */
    public MaskingSession session() {
        return new MaskingSession(detector, Map.of());
    }

    /** A session that goes on from placeholders handed out earlier (as returned by {@link MaskingSession#originals()}). */
    public MaskingSession session(Map<String, String> originals) {
        return new MaskingSession(detector, originals);
    }

    /** The text with personal data replaced and the originals forgotten: for log lines. */
    public String redact(String text) {
        return session().mask(text);
    }

    /** The personal data found in {@code text}, in text order. */
    public List<PiiMatch> find(String text) {
        return detector.find(text);
    }
}
