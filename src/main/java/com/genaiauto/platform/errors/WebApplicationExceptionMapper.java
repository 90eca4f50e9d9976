package com.genaiauto.platform.errors;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAX-RS's own errors (unknown route, wrong method, unsupported media type, ...), rewritten into
 * the error shape with a fixed message per status so that framework text never leaks.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(400, new String[] {"invalid_request", "The request is malformed."}),
            Map.entry(401, new String[] {"unauthenticated", "Authentication is required."}),
            Map.entry(403, new String[] {"forbidden", "You are not allowed to do this."}),
            Map.entry(404, new String[] {"not_found", "No such resource."}),
            Map.entry(405, new String[] {"method_not_allowed", "This method is not allowed on this resource."}),
            Map.entry(406, new String[] {"not_acceptable", "No acceptable representation of this resource."}),
            Map.entry(409, new String[] {"conflict", "The request conflicts with the current state."}),
            Map.entry(413, new String[] {"payload_too_large", "The request body is too large."}),
            Map.entry(415, new String[] {"unsupported_media_type", "This content type is not supported here."}),
            Map.entry(422, new String[] {"validation_failed", "The request is not valid."}),
            Map.entry(429, new String[] {"rate_limited", "Too many requests."}),
            Map.entry(503, new String[] {"service_unavailable", "The service is temporarily unavailable."}));

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed with status {}", status, exception);
        }
        String[] known = KNOWN.getOrDefault(status, status >= 500
                ? new String[] {"internal_error", "An unexpected error occurred."}
                : new String[] {"http_" + status, "The request could not be processed."});
        Response.ResponseBuilder builder = ErrorResponses.builder(status, known[0], known[1], null);
        if (exception instanceof NotAllowedException && original != null) {
            String allow = original.getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                builder.header(HttpHeaders.ALLOW, allow);
            }
        }
        if (original != null && original.getHeaderString("Retry-After") != null) {
            builder.header("Retry-After", original.getHeaderString("Retry-After"));
        }
        if (original != null && original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        }
        return builder.build();
    }
}
