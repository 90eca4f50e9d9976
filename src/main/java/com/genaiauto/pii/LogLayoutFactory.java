package com.genaiauto.pii;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventAttribute;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * The application log's layout, text or JSON by configuration (LOG_FORMAT): {@code text} is the
 * pattern of {@code pattern}; {@code json} is Dropwizard's JSON layout, one object per line with
 * the request id, the user id and the route as top-level fields. Personal data is masked in both
 * (the text pattern's converters are replaced by {@link PiiLogMasking}; each JSON line goes
 * through the same masker), so switching to JSON does not switch masking off.
 */
@JsonTypeName("genai")
public final class LogLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

    /** The MDC keys the service sets: none holds personal data (ids only). */
    static final Set<String> MDC_KEYS = Set.of("requestId", "userId", "route");

    @JsonProperty
    private String format = "text";

    @JsonProperty
    private String pattern = "%-5level [%d{ISO8601,UTC}] [%thread] [rid=%X{requestId:--}] %logger{36}: %msg%n%rEx";

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> json(context, timeZone);
            case "text", "" -> {
                DropwizardLayout text = new DropwizardLayout(context, timeZone);
                text.setPattern(pattern);
                yield text;
            }
            default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
        };
    }

    private static LayoutBase<ILoggingEvent> json(LoggerContext context, TimeZone timeZone) {
        EventJsonLayoutBaseFactory factory = new EventJsonLayoutBaseFactory();
        factory.setIncludes(EnumSet.of(EventAttribute.TIMESTAMP, EventAttribute.LEVEL, EventAttribute.THREAD_NAME,
                EventAttribute.LOGGER_NAME, EventAttribute.MESSAGE, EventAttribute.MDC, EventAttribute.EXCEPTION));
        factory.setIncludesMdcKeys(MDC_KEYS);
        factory.setFlattenMdc(true);
        return new MaskedLayout<>(factory.build(context, timeZone));
    }
}
