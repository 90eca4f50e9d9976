package com.genaiauto.llm.model;

import java.time.Duration;

/** A model call that did not produce an answer, classified so the router knows what to do next. */
public class LlmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. Only {@link #REQUEST} is the caller's fault and is never retried elsewhere. */
    public enum Kind {
        TIMEOUT(true),
        CONNECTION(true),
        SERVER_ERROR(true),
        RATE_LIMITED(true),
        MALFORMED(true),
        UNAVAILABLE(true),
        REQUEST(false),
        NO_PROVIDER(false);

        private final boolean tryNext;

        Kind(boolean tryNext) {
            this.tryNext = tryNext;
        }

        public boolean tryNext() {
            return tryNext;
        }
    }

    private final Kind kind;
    private final transient Duration retryAfter;
    private final int httpStatus;

    public LlmException(Kind kind, String message) {
        this(kind, message, null, 0, null);
    }

    public LlmException(Kind kind, String message, Duration retryAfter, int httpStatus, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
