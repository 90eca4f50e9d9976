package com.genaiauto.llm.resource;

import com.genaiauto.llm.model.LlmException;
import com.genaiauto.platform.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A model call that failed: the caller's request (400) or no provider could answer (503). */
@Provider
public final class LlmExceptionMapper implements ExceptionMapper<LlmException> {

    @Override
    public Response toResponse(LlmException exception) {
        if (exception.kind() == LlmException.Kind.REQUEST) {
            return ErrorResponses.of(400, "llm_request_rejected",
                    "The model provider rejected the request (for example, it is too long).",
                    Map.of("providerStatus", exception.httpStatus()));
        }
        return ErrorResponses.builder(503, "llm_unavailable",
                        "No language model is available right now. Try again shortly.", null)
                .header("Retry-After", "5").build();
    }
}
