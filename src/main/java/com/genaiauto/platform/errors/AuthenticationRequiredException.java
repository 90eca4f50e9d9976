package com.genaiauto.platform.errors;

/** HTTP 401, code {@code unauthenticated}. */
public class AuthenticationRequiredException extends ApiException {

    private static final long serialVersionUID = 1L;

    public AuthenticationRequiredException(String message) {
        super(401, "unauthenticated", message, null);
    }

    public AuthenticationRequiredException(String message, Object details) {
        super(401, "unauthenticated", message, details);
    }

    protected AuthenticationRequiredException(String code, String message, Object details) {
        super(401, code, message, details);
    }

    @Override
    public java.util.Map<String, String> headers() {
        return java.util.Map.of("WWW-Authenticate", "Bearer realm=\"genai-auto\"");
    }
}
