package com.genaiauto.platform.errors;

import com.genaiauto.platform.web.RequestIds;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the one shape, stamped with the current request id. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response.ResponseBuilder builder(int status, String code, String message, Object details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message, details, RequestIds.current()));
    }

    public static Response of(int status, String code, String message, Object details) {
        return builder(status, code, message, details).build();
    }
}
