package com.genaiauto.llm.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.llm.service.LlmStatus;
import com.genaiauto.llm.service.LlmStatusService;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Providers, breaker states, profiles and today's spend, for support staff and operators. */
@Path("/api/v1/llm/status")
@Produces(MediaType.APPLICATION_JSON)
public final class LlmStatusResource {

    private final LlmStatusService status;

    public LlmStatusResource(LlmStatusService status) {
        this.status = status;
    }

    @GET
    @RolesAllowed({Role.AGENT_NAME, Role.ADMIN_NAME})
    public LlmStatus status(@Auth AuthenticatedUser caller) {
        return status.status();
    }
}
