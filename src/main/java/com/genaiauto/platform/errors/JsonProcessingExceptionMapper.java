package com.genaiauto.platform.errors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unreadable request bodies become 400 (syntax) or 422 (well-formed JSON of the wrong shape).
 * The parser's own message is not returned: it can quote the body back. Any other JSON failure
 * (writing a response, reading a provider's reply) is a server fault: logged, answered 500.
 */
@Provider
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonProcessingExceptionMapper.class);

    @Override
    public Response toResponse(JsonProcessingException exception) {
        // A value type's compact constructor rejected the input with a client-safe domain error.
        if (exception.getCause() instanceof ApiException domain) {
            return ErrorResponses.of(domain.status(), domain.code(), domain.getMessage(), domain.details());
        }
        if (exception instanceof StreamConstraintsException || exception.getCause() instanceof StreamConstraintsException) {
            // A number, string or nesting beyond the parser's limits: the client's input, not a fault.
            Map<String, Object> details = new LinkedHashMap<>();
            if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                details.put("field", path(mapping));
                return ErrorResponses.of(422, "validation_failed",
                        "A field of the request body is longer or more deeply nested than allowed.", details);
            }
            return ErrorResponses.of(400, "malformed_json",
                    "The request body is longer or more deeply nested than allowed.", null);
        }
        if (exception instanceof MismatchedInputException mismatch) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (!mismatch.getPath().isEmpty()) {
                details.put("field", path(mismatch));
            }
            String message = exception instanceof UnrecognizedPropertyException
                    ? "Unknown field in request body."
                    : "A field of the request body has the wrong type or format.";
            return ErrorResponses.of(422, "validation_failed", message, details.isEmpty() ? null : details);
        }
        if (exception instanceof StreamReadException) {
            Map<String, Object> details = new LinkedHashMap<>();
            JsonLocation location = exception.getLocation();
            if (location != null) {
                details.put("line", location.getLineNr());
                details.put("column", location.getColumnNr());
            }
            return ErrorResponses.of(400, "malformed_json", "The request body is not valid JSON.",
                    details.isEmpty() ? null : details);
        }
        LOG.error("JSON processing failed", exception);
        return ErrorResponses.of(500, "internal_error", "An unexpected error occurred.", null);
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
