package com.genaiauto.conversations.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.model.Conversation;
import com.genaiauto.conversations.model.ConversationDetail;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** One's own conversations: list, read (with tokens and cost), erase, and feedback on answers. */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class ConversationResource {

    private final ConversationStore store;

    public ConversationResource(ConversationStore store) {
        this.store = store;
    }

    @GET
    public Page<Conversation> list(@Auth AuthenticatedUser user, @QueryParam("limit") Integer limit,
                                   @QueryParam("offset") Integer offset) {
        return store.list(user, PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    public ConversationDetail get(@Auth AuthenticatedUser user, @PathParam("id") UUID id) {
        return store.get(user, id);
    }

    @ApiResponse(responseCode = "204", description = "Erased")
    @DELETE
    @Path("/{id}")
    public Response delete(@Auth AuthenticatedUser user, @PathParam("id") UUID id) {
        store.delete(user, id);
        return Response.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded")
    @POST
    @Path("/{id}/feedback")
    public Response feedback(@Auth AuthenticatedUser user, @PathParam("id") UUID id,
                             @Valid @NotNull ChatRequests.Feedback body) {
        store.feedback(user, id, body.messageId(), body.rating(), body.comment());
        return Response.noContent().build();
    }
}
