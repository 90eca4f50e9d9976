package com.genaiauto.platform.errors;

import io.dropwizard.jersey.optional.EmptyOptionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A resource method returned an empty Optional: the thing asked for does not exist. */
@Provider
public final class EmptyOptionalExceptionMapper implements ExceptionMapper<EmptyOptionalException> {

    @Override
    public Response toResponse(EmptyOptionalException exception) {
        return ErrorResponses.of(404, "not_found", "No such resource.", null);
    }
}
