package com.genaiauto.platform.errors;

/** HTTP 409, code {@code conflict}. */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(409, "conflict", message, null);
    }

    public ConflictException(String message, Object details) {
        super(409, "conflict", message, details);
    }

    public ConflictException(String code, String message, Object details) {
        super(409, code, message, details);
    }
}
