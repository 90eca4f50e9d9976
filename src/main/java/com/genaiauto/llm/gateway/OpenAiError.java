package com.genaiauto.llm.gateway;

import com.genaiauto.platform.errors.ApiException;
import java.util.Map;

/**
 * A gateway error as OpenAI sends it: a status, and an {@code error} object with {@code message},
 * {@code type}, {@code param} and {@code code}. SDKs pick their exception class by status and
 * their retry decision by status, {@code Retry-After} and {@code x-should-retry}, so those are
 * chosen here with care: only a real upstream failure is worth a retry.
 */
final class OpenAiError extends ApiException {

    private static final long serialVersionUID = 1L;

    static final String INVALID_REQUEST = "invalid_request_error";

    private final String type;
    private final String param;
    private final transient Map<String, String> headers;

    private OpenAiError(int status, String type, String code, String param, String message,
                        Map<String, String> headers) {
        super(status, code, message, null);
        this.type = type;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    static OpenAiError invalid(String param, String message) {
        return new OpenAiError(400, INVALID_REQUEST, "invalid_value", param, message, Map.of());
    }

    static OpenAiError invalid(String param, String code, String message) {
        return new OpenAiError(400, INVALID_REQUEST, code, param, message, Map.of());
    }

    static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, INVALID_REQUEST, "model_not_found", "model",
                "The model `" + model + "` does not exist or you do not have access to it.", Map.of());
    }

    static OpenAiError unknownUrl(String method, String path) {
        return new OpenAiError(404, INVALID_REQUEST, "unknown_url", null,
                "Invalid URL (" + method + " " + path + ")", Map.of());
    }

    /** The model is known but none of its deployments can answer now: worth retrying shortly. */
    static OpenAiError unavailable(String message, long retryAfterSeconds) {
        return new OpenAiError(503, "server_error", "llm_unavailable", null, message,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static OpenAiError upstreamRejected(int providerStatus) {
        return new OpenAiError(400, INVALID_REQUEST, "llm_request_rejected", null,
                "The model provider rejected the request (status " + providerStatus + "), for example because it is"
                        + " too long for the model.", Map.of());
    }

    static OpenAiError permission(String code, String message) {
        return new OpenAiError(403, INVALID_REQUEST, code, null, message, Map.of());
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
