package com.genaiauto.platform.errors;

import com.genaiauto.platform.db.SqlStates;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else is a bug: logged in full with the request id, answered without internals. */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(Throwable exception) {
        if (SqlStates.isUnavailable(exception)) {
            // An outage, not a bug: the client may retry, and one log line per request is enough.
            LOG.warn("Database unavailable: {}", exception.toString());
            return ErrorResponses.builder(503, "database_unavailable",
                    "The service cannot reach its database right now. Try again shortly.", null)
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unhandled exception", exception);
        return ErrorResponses.of(500, "internal_error",
                "An unexpected error occurred. Quote the request id when reporting it.", null);
    }
}
