package com.genaiauto.conversations.resource;

import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.auth.model.Role;
import com.genaiauto.conversations.handoff.HandoffCases;
import com.genaiauto.conversations.handoff.HandoffEvents;
import com.genaiauto.conversations.handoff.HandoffService;
import com.genaiauto.conversations.model.Handoff;
import com.genaiauto.conversations.model.HandoffCase;
import com.genaiauto.conversations.model.Message;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.platform.openapi.ApiDocs;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.platform.web.EventStreams;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The support team's queue: open handoffs, live; taking one over and reading the whole case;
 * replying as a person, watching the conversation live; resolving, or handing it back to the
 * assistant.
 */
@Path("/api/v1/handoffs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.AGENT_NAME, Role.ADMIN_NAME})
public final class HandoffResource {

    /** The queue as a stream reads it on (re)connecting: the waiting and the taken-over handoffs. */
    public record QueueSnapshot(List<Handoff> open, List<Handoff> accepted) {
    }

    private final HandoffService handoffs;
    private final HandoffCases cases;
    private final HandoffEvents queue;
    private final ChatEvents conversations;
    private final EventStreams streams;

    public HandoffResource(HandoffService handoffs, HandoffCases cases, HandoffEvents queue, ChatEvents conversations,
                           EventStreams streams) {
        this.handoffs = handoffs;
        this.cases = cases;
        this.queue = queue;
        this.conversations = conversations;
        this.streams = streams;
    }

    @GET
    public Page<Handoff> list(@Auth AuthenticatedUser agent, @QueryParam("status") String status,
                              @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return handoffs.list(status, PageRequest.of(limit, offset));
    }

    /**
     * Server-Sent Events: first {@code queue} (a {@link QueueSnapshot}), then a {@code handoff}
     * event with the handoff as it now stands each time one is opened, escalated, taken over,
     * resolved or handed back, on any replica.
     */
    @ApiResponse(responseCode = "200", description = "`event: queue` (`QueueSnapshot`), then `event: handoff`"
            + " (`Handoff`) on every change", content = @Content(mediaType = "text/event-stream",
            schema = @Schema(types = "string")))
    @GET
    @Path("/events")
    @Produces("text/event-stream")
    public Response queueEvents(@Auth AuthenticatedUser agent) {
        PageRequest all = new PageRequest(PageRequest.MAX_LIMIT, 0);
        return streams.response(
                sink -> queue.listen(handoff -> sink.accept(new EventStreams.Event("handoff", handoff))),
                () -> List.of(new EventStreams.Event("queue", new QueueSnapshot(
                        handoffs.list("open", all).items(), handoffs.list("accepted", all).items()))));
    }

    /** The case: the handoff, the whole conversation, the owner, vehicle and service history, the passages used. */
    @GET
    @Path("/{id}")
    public HandoffCase read(@Auth AuthenticatedUser agent, @PathParam("id") UUID id) {
        return cases.read(agent, id);
    }

    /**
     * Server-Sent Events of the handoff's conversation, on any replica: first {@code ready}, then
     * the owner's messages ({@code user_message}), the assistant's finished answers ({@code done},
     * with {@code agent} and {@code sources} before them), agents' replies ({@code agent_message})
     * and changes of the handoff ({@code handoff}). The assistant's streamed tokens are left out.
     */
    @ApiResponse(responseCode = "200", description = "`event: ready`, then the conversation's events as on the"
            + " chat socket, without streamed tokens", content = @Content(mediaType = "text/event-stream",
            schema = @Schema(types = "string")))
    @GET
    @Path("/{id}/events")
    @Produces("text/event-stream")
    public Response conversationEvents(@Auth AuthenticatedUser agent, @PathParam("id") UUID id) {
        UUID conversationId = handoffs.find(id).conversationId();
        return streams.response(
                sink -> conversations.listen(conversationId, event -> {
                    if (!"token".equals(event.type())) {
                        sink.accept(new EventStreams.Event(event.type(), event.data()));
                    }
                }),
                () -> List.of(new EventStreams.Event("ready", Map.of("handoffId", id, "conversationId", conversationId))));
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

    /** Ends the handoff without a resolution: the assistant answers the owner again. */
    @POST
    @Path("/{id}/hand-back")
    public Handoff handBack(@Auth AuthenticatedUser agent, @PathParam("id") UUID id) {
        return handoffs.handBack(agent, id);
    }
}
