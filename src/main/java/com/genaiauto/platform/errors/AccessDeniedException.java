package com.genaiauto.platform.errors;

/** HTTP 403, code {@code forbidden}. */
public class AccessDeniedException extends ApiException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(403, "forbidden", message, null);
    }

    public AccessDeniedException(String message, Object details) {
        super(403, "forbidden", message, details);
    }

    protected AccessDeniedException(String code, String message, Object details) {
        super(403, code, message, details);
    }
}
