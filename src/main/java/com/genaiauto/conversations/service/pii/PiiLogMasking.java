package com.genaiauto.conversations.service.pii;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Masks personal data in every log line written through a logback pattern (which is what
 * Dropwizard's console, file and syslog appenders use, including its {@code logFormat}).
 *
 * <p>{@link #install()} replaces the converters behind {@code %m}, {@code %msg}, {@code %message}
 * and the throwable words ({@code %ex}, {@code %xEx}, {@code %rEx} and their long names) in
 * logback's default converter registry, and adds {@code %maskedMsg} as an explicit name. Patterns
 * compiled afterwards pick them up, so it must run before Dropwizard configures logging from the
 * configuration file: call it from {@code Application.initialize}. The registry is global to the
 * JVM; Dropwizard's own {@code %dwEx}-family words are re-registered by every DropwizardLayout and
 * cannot be replaced this way, so log formats should use the logback words ({@code %rEx}).
 *
 * <p>{@link #setEnabled(boolean)} switches masking off and on at run time (MASK_PII).
 */
@SuppressWarnings("rawtypes") // logback's registry is declared as Map<String, Supplier<DynamicConverter>>
public final class PiiLogMasking {

    /** The explicit conversion word, for patterns that want to say what they do. */
    public static final String CONVERSION_WORD = "maskedMsg";

    private static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message", CONVERSION_WORD, "maskedMessage");
    private static final Map<String, Supplier<DynamicConverter>> CONVERTERS = converters();
    private static final Map<String, Supplier<DynamicConverter>> replaced = new HashMap<>();
    private static volatile boolean enabled = true;
    private static volatile PiiMasker masker = PiiMasker.standard();

    private PiiLogMasking() {
    }

    /** Registers the masking converters; idempotent. */
    public static synchronized void install() {
        Map<String, Supplier<DynamicConverter>> registry = PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP;
        CONVERTERS.forEach((word, supplier) -> {
            if (!replaced.containsKey(word)) {
                replaced.put(word, registry.get(word));
            }
            registry.put(word, supplier);
        });
    }

    /** Puts logback's own converters back (for tests; layouts already started keep theirs). */
    static synchronized void uninstall() {
        Map<String, Supplier<DynamicConverter>> registry = PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP;
        replaced.forEach((word, original) -> {
            if (original == null) {
                registry.remove(word);
            } else {
                registry.put(word, original);
            }
        });
        replaced.clear();
    }

    /** True once {@link #install()} has run and nothing put logback's converters back. */
    public static synchronized boolean isInstalled() {
        return !replaced.isEmpty();
    }

    public static void setEnabled(boolean enabled) {
        PiiLogMasking.enabled = enabled;
    }

    public static boolean isEnabled() {
        return enabled;
    }

    /** Which masker log lines go through (all types by default). */
    public static void setMasker(PiiMasker masker) {
        PiiLogMasking.masker = masker;
    }

    static String mask(String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        try {
            return masker.redact(text);
        } catch (RuntimeException e) {
            // A masking bug must not lose the log line, nor let it out unmasked.
            return "[log message withheld: masking failed with " + e.getClass().getSimpleName() + "]";
        }
    }

    private static Map<String, Supplier<DynamicConverter>> converters() {
        Map<String, Supplier<DynamicConverter>> converters = new HashMap<>();
        MESSAGE_WORDS.forEach(word -> converters.put(word, PiiMaskingMessageConverter::new));
        for (String word : List.of("ex", "exception", "throwable")) {
            converters.put(word, PiiMaskingThrowableConverters.Plain::new);
        }
        for (String word : List.of("xEx", "xException", "xThrowable")) {
            converters.put(word, PiiMaskingThrowableConverters.Extended::new);
        }
        for (String word : List.of("rEx", "rootException")) {
            converters.put(word, PiiMaskingThrowableConverters.RootCauseFirst::new);
        }
        return Map.copyOf(converters);
    }
}
