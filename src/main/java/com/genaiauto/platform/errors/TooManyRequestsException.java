package com.genaiauto.platform.errors;

import java.time.Duration;
import java.util.Map;

/** HTTP 429 with Retry-After in whole seconds (at least one). */
public class TooManyRequestsException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(429, "rate_limited", message, Map.of("retryAfterSeconds", seconds(retryAfter)));
        this.retryAfterSeconds = seconds(retryAfter);
    }

    private static long seconds(Duration retryAfter) {
        long millis = retryAfter == null ? 1000 : retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
