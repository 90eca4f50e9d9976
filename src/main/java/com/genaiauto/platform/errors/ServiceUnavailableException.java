package com.genaiauto.platform.errors;

/** HTTP 503, code {@code service_unavailable}. */
public class ServiceUnavailableException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(503, "service_unavailable", message, null);
    }

    public ServiceUnavailableException(String message, Object details) {
        super(503, "service_unavailable", message, details);
    }

    protected ServiceUnavailableException(String code, String message, Object details) {
        super(503, code, message, details);
    }
}
