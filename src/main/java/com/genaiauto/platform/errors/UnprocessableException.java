package com.genaiauto.platform.errors;

/** HTTP 422, code {@code validation_failed}. */
public class UnprocessableException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnprocessableException(String message) {
        super(422, "validation_failed", message, null);
    }

    public UnprocessableException(String message, Object details) {
        super(422, "validation_failed", message, details);
    }

    protected UnprocessableException(String code, String message, Object details) {
        super(422, code, message, details);
    }
}
