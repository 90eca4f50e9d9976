package com.genaiauto.llm.resource;

import com.genaiauto.llm.model.LlmException;
import com.genaiauto.platform.errors.ApiExceptionMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A model call that failed: the caller's request (400) or no provider could answer (503). */
@Provider
public final class LlmExceptionMapper implements ExceptionMapper<LlmException> {

    private final ApiExceptionMapper errors = new ApiExceptionMapper();

    @Override
    public Response toResponse(LlmException exception) {
        return errors.toResponse(LlmErrors.of(exception));
    }
}
