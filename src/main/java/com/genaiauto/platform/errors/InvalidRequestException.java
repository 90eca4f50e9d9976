package com.genaiauto.platform.errors;

/** HTTP 400, code {@code invalid_request}. */
public class InvalidRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(400, "invalid_request", message, null);
    }

    public InvalidRequestException(String message, Object details) {
        super(400, "invalid_request", message, details);
    }

    public InvalidRequestException(String code, String message, Object details) {
        super(400, code, message, details);
    }
}
