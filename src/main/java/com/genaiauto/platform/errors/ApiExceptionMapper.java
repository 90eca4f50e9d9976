package com.genaiauto.platform.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain exceptions carry their own status, code and client-safe message. */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder builder = ErrorResponses.builder(
                exception.status(), exception.code(), exception.getMessage(), exception.details());
        exception.headers().forEach(builder::header);
        return builder.build();
    }
}
