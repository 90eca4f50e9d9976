package com.genaiauto.conversations.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.conversations.handoff.HandoffService;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.platform.openapi.ApiDocs;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The support team's queue: open handoffs, taking one over, replying as a human, resolving. */
@Path("/api/v1/handoffs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.AGENT_NAME, Role.ADMIN_NAME})
public final class HandoffResource {

    private final HandoffService handoffs;

    public HandoffResource(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @GET
    public Page<Handoff> list(@Auth AuthenticatedUser agent, @QueryParam("status") String status,
                              @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return handoffs.list(status, PageRequest.of(limit, offset));
    }

    @ApiResponse(responseCode = "200", description = "Taken over by the caller")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/accept")
    public Handoff accept(@Auth AuthenticatedUser agent, @PathParam("id") UUID id) {
        return handoffs.accept(agent, id);
    }

    @ApiResponse(responseCode = "201", description = "Sent to the owner",
            content = @Content(schema = @Schema(implementation = Message.class)))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/{id}/messages")
    public Response reply(@Auth AuthenticatedUser agent, @PathParam("id") UUID id,
                          @Valid @NotNull ChatRequests.AgentReply body) {
        Message message = handoffs.reply(agent, id, body.content());
        return Response.status(201).entity(message).build();
    }

    @POST
    @Path("/{id}/resolve")
    public Handoff resolve(@Auth AuthenticatedUser agent, @PathParam("id") UUID id) {
        return handoffs.resolve(agent, id);
    }
}
