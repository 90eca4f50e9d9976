package com.genaiauto.pii;

import ch.qos.logback.access.common.pattern.QueryStringConverter;
import ch.qos.logback.access.common.pattern.RequestURIConverter;
import ch.qos.logback.access.common.pattern.RequestURLConverter;
import ch.qos.logback.access.common.spi.IAccessEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Request-log words ({@code %r}, {@code %U}, {@code %q}) with personal data masked: the chat page
 * takes a question in {@code ?q=}, so the request line can carry what the owner typed. The URL is
 * percent-decoded to find it ({@code dana%40example.com}); a line with nothing to mask is written
 * exactly as before. Registered by {@link PiiLogMasking#install()}.
 */
public final class PiiMaskingRequestConverters {

    private PiiMaskingRequestConverters() {
    }

    /** {@code %r}: "GET /chat?q=… HTTP/1.1". */
    public static class RequestLine extends RequestURLConverter {
        @Override
        public String convert(IAccessEvent event) {
            return maskUrl(super.convert(event));
        }
    }

    /** {@code %U}: the path. */
    public static class RequestUri extends RequestURIConverter {
        @Override
        public String convert(IAccessEvent event) {
            return maskUrl(super.convert(event));
        }
    }

    /** {@code %q}: the query string. */
    public static class QueryString extends QueryStringConverter {
        @Override
        public String convert(IAccessEvent event) {
            return maskUrl(super.convert(event));
        }
    }

    static String maskUrl(String raw) {
        if (raw == null || raw.isEmpty() || !PiiLogMasking.isEnabled()) {
            return raw;
        }
        String decoded = decode(raw);
        String masked = PiiLogMasking.mask(decoded);
        if (masked.equals(decoded)) {
            return raw;
        }
        // Decoding may have produced line breaks (%0A); a log line must stay one line.
        return masked.replaceAll("\\p{Cntrl}", "?");
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape: mask what is there
        }
    }
}
