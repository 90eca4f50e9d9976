package com.genaiauto.platform.errors;

import java.util.Map;

/**
 * Base of the domain exceptions: each carries the HTTP status, a stable machine-readable code
 * and a message that is safe to show to a client. Never put SQL or internal state in either.
 */
public abstract class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Object details;

    protected ApiException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    protected ApiException(int status, String code, String message, Object details, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }

    /** Extra response headers, such as Retry-After. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
