package com.genaiauto.platform.errors;

/** HTTP 404, code {@code not_found}. */
public class ResourceNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String message) {
        super(404, "not_found", message, null);
    }

    public ResourceNotFoundException(String message, Object details) {
        super(404, "not_found", message, details);
    }

    protected ResourceNotFoundException(String code, String message, Object details) {
        super(404, code, message, details);
    }
}
