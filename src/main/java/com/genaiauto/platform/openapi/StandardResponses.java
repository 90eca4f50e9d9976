package com.genaiauto.platform.openapi;

import com.genaiauto.platform.errors.ErrorResponse;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The error responses of the API as shared components, all in the one error shape
 * ({@code {"error":{"code","message","details","requestId"}}}, schema {@code ErrorResponse}).
 */
final class StandardResponses {

    static final String ERROR_SCHEMA = "ErrorResponse";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String UNPROCESSABLE = "Unprocessable";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String UNAVAILABLE = "ServiceUnavailable";
    static final String UNEXPECTED = "UnexpectedError";

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(BAD_REQUEST, "The request is malformed: the body is not valid JSON (code `malformed_json`)"
                + " or a parameter cannot be read.");
        DESCRIPTIONS.put(UNAUTHORIZED, "No valid bearer token: sign in (or refresh the access token) and retry"
                + " (code `unauthenticated`).");
        DESCRIPTIONS.put(FORBIDDEN, "Signed in, but the caller's role may not do this (code `forbidden`).");
        DESCRIPTIONS.put(NOT_FOUND, "No such record, or not one the caller may see (code `not_found`).");
        DESCRIPTIONS.put(CONFLICT, "The request conflicts with the record's current state (code `conflict`).");
        DESCRIPTIONS.put(PAYLOAD_TOO_LARGE, "The request body is larger than this route accepts"
                + " (code `payload_too_large`).");
        DESCRIPTIONS.put(UNSUPPORTED_MEDIA_TYPE, "The request body's media type is not one this route reads"
                + " (code `unsupported_media_type`).");
        DESCRIPTIONS.put(UNPROCESSABLE, "Well-formed, but not valid: `details.fields` names each offending field"
                + " (code `validation_failed`), or the domain refuses the values.");
        DESCRIPTIONS.put(TOO_MANY_REQUESTS, "The caller's rate limit is spent; retry after `Retry-After` seconds"
                + " (code `rate_limited`).");
        DESCRIPTIONS.put(UNAVAILABLE, "A dependency the route needs is down; retry later.");
        DESCRIPTIONS.put(UNEXPECTED, "Any other error (500 `internal_error`, 503 when a dependency is down), in the"
                + " same shape. Quote `requestId` when reporting it.");
    }

    private StandardResponses() {
    }

    static String ref(String component) {
        return "#/components/responses/" + component;
    }

    /** Adds the error responses to the components; the {@code ErrorResponse} schema is resolved from its record. */
    static void addTo(Components components) {
        DESCRIPTIONS.forEach((name, description) -> {
            ApiResponse response = new ApiResponse().description(description).content(errorContent());
            if (name.equals(TOO_MANY_REQUESTS) || name.equals(UNAVAILABLE)) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                        .schema(new JsonSchema().types(Set.of("integer"))));
            }
            components.addResponses(name, response);
        });
    }

    static Content errorContent() {
        return new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + ERROR_SCHEMA)));
    }

    /** The record behind {@link #ERROR_SCHEMA}. */
    static Class<?> errorType() {
        return ErrorResponse.class;
    }
}
