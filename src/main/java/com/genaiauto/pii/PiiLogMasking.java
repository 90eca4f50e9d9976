package com.genaiauto.pii;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Masks personal data in every log line written through a logback pattern (which is what
 * Dropwizard's console, file and syslog appenders use, including its {@code logFormat}, for the
 * application log and the request log alike).
 *
 * <p>{@link #install()} replaces the converters behind {@code %m}, {@code %msg}, {@code %message}
 * and the throwable words ({@code %ex}, {@code %xEx}, {@code %rEx} and their long names) in
 * logback's default converter registry, adds {@code %maskedMsg} as an explicit name, and does the
 * same for the request log's {@code %r}, {@code %U} and {@code %q} (logback-access). Patterns
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
    private static final List<Registration> REGISTRATIONS = registrations();
    private static final List<Registration> replaced = new ArrayList<>();
    private static volatile boolean enabled = true;
    private static volatile PiiMasker masker = PiiMasker.standard();

    private PiiLogMasking() {
    }

    /** Registers the masking converters; idempotent. */
    public static synchronized void install() {
        for (Registration registration : REGISTRATIONS) {
            Map<String, Supplier<DynamicConverter>> registry = registration.registry();
            if (replaced.stream().noneMatch(r -> r.registry() == registry && r.word().equals(registration.word()))) {
                replaced.add(new Registration(registry, registration.word(), registry.get(registration.word())));
            }
            registry.put(registration.word(), registration.converter());
        }
    }

    /** Puts logback's own converters back (for tests; layouts already started keep theirs). */
    static synchronized void uninstall() {
        for (Registration original : replaced) {
            if (original.converter() == null) {
                original.registry().remove(original.word());
            } else {
                original.registry().put(original.word(), original.converter());
            }
        }
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

    private static List<Registration> registrations() {
        Map<String, Supplier<DynamicConverter>> events = PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP;
        Map<String, Supplier<DynamicConverter>> requests =
                ch.qos.logback.access.common.PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP;
        List<Registration> registrations = new ArrayList<>();
        MESSAGE_WORDS.forEach(word -> registrations.add(new Registration(events, word, PiiMaskingMessageConverter::new)));
        for (String word : List.of("ex", "exception", "throwable")) {
            registrations.add(new Registration(events, word, PiiMaskingThrowableConverters.Plain::new));
        }
        for (String word : List.of("xEx", "xException", "xThrowable")) {
            registrations.add(new Registration(events, word, PiiMaskingThrowableConverters.Extended::new));
        }
        for (String word : List.of("rEx", "rootException")) {
            registrations.add(new Registration(events, word, PiiMaskingThrowableConverters.RootCauseFirst::new));
        }
        for (String word : List.of("r", "requestURL")) {
            registrations.add(new Registration(requests, word, PiiMaskingRequestConverters.RequestLine::new));
        }
        for (String word : List.of("U", "requestURI")) {
            registrations.add(new Registration(requests, word, PiiMaskingRequestConverters.RequestUri::new));
        }
        for (String word : List.of("q", "queryString")) {
            registrations.add(new Registration(requests, word, PiiMaskingRequestConverters.QueryString::new));
        }
        return List.copyOf(registrations);
    }

    /** A conversion word in one of logback's registries, and the converter it stands for. */
    private record Registration(Map<String, Supplier<DynamicConverter>> registry, String word,
                                Supplier<DynamicConverter> converter) {
    }
}
