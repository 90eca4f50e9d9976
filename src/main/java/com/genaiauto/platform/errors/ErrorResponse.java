package com.genaiauto.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The one error shape of the HTTP API: {@code {"error": {"code", "message", "details", "requestId"}}}. */
public record ErrorResponse(Body error) {

    public ErrorResponse {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorResponse of(String code, String message, Object details, String requestId) {
        return new ErrorResponse(new Body(code, message, details, requestId));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String code, String message, Object details, String requestId) {
        public Body {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
