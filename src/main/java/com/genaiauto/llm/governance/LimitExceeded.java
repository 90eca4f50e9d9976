package com.genaiauto.llm.governance;

import com.genaiauto.platform.errors.ApiException;
import java.util.Map;

/**
 * A call refused by its key's limits, with what an OpenAI client needs to react: a rate limit
 * is retried after {@code Retry-After}; a spent budget is not retried ({@code x-should-retry}).
 */
public final class LimitExceeded extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final transient Map<String, String> headers;

    private LimitExceeded(int status, String type, String code, String message, Map<String, String> headers) {
        super(status, code, message, null);
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    static LimitExceeded modelNotAllowed(String model) {
        return new LimitExceeded(403, "invalid_request_error", "model_not_allowed",
                "This API key may not use the model `" + model + "`.", Map.of());
    }

    static LimitExceeded rate(String what, long perMinute, long retryAfterSeconds) {
        return new LimitExceeded(429, what, "rate_limit_exceeded", "Rate limit reached for " + what
                + " on this API key: limit " + perMinute + " per minute. Try again in " + retryAfterSeconds + "s.",
                Map.of("Retry-After", Long.toString(retryAfterSeconds),
                        "x-ratelimit-limit-" + what, Long.toString(perMinute),
                        "x-ratelimit-remaining-" + what, "0",
                        "x-ratelimit-reset-" + what, retryAfterSeconds + "s"));
    }

    static LimitExceeded budgetSpent(String message) {
        return new LimitExceeded(429, "insufficient_quota", "insufficient_quota",
                message + " Calls resume when the period ends or an administrator raises the budget.",
                Map.of("x-should-retry", "false"));
    }

    static LimitExceeded budgetBusy() {
        return new LimitExceeded(429, "requests", "budget_busy",
                "This key's remaining budget is held by calls in flight. Try again in a second.",
                Map.of("Retry-After", "1"));
    }

    /** OpenAI's error type: {@code requests}, {@code tokens}, {@code insufficient_quota}... */
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
