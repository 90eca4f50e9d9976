package com.genaiauto.pii;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.AccessAttribute;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * The request log's layout, text or JSON by configuration (LOG_FORMAT), like the application
 * log's ({@link LogLayoutFactory}): JSON lines carry the method, URI, status, duration and the
 * request id, masked like the text form.
 */
@JsonTypeName("genai-request")
public final class RequestLogLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {

    /** The request attribute holding the request id (RequestIds.ATTRIBUTE). */
    private static final String REQUEST_ID_ATTRIBUTE = "genai.requestId";

    @JsonProperty
    private String format = "text";

    @JsonProperty
    private String pattern = "%h %l \"%r\" %s %b %D ms rid=%reqAttribute{genai.requestId}";

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> {
                AccessJsonLayoutBaseFactory factory = new AccessJsonLayoutBaseFactory();
                factory.setIncludes(EnumSet.of(AccessAttribute.TIMESTAMP, AccessAttribute.REMOTE_ADDRESS,
                        AccessAttribute.METHOD, AccessAttribute.REQUEST_URI, AccessAttribute.STATUS_CODE,
                        AccessAttribute.CONTENT_LENGTH, AccessAttribute.REQUEST_TIME));
                factory.setRequestAttributes(Set.of(REQUEST_ID_ATTRIBUTE));
                yield new MaskedLayout<>(factory.build(context, timeZone));
            }
            case "text", "" -> {
                LogbackAccessRequestLayout text = new LogbackAccessRequestLayout(context, timeZone);
                text.setPattern(pattern);
                yield text;
            }
            default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
        };
    }
}
