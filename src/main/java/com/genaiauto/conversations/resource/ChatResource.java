package com.genaiauto.conversations.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.model.AuthenticatedUser;
import com.genaiauto.conversations.model.ChatInput;
import com.genaiauto.conversations.model.ChatReply;
import com.genaiauto.conversations.turn.Orchestrator;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.openapi.ApiDocs;
import com.genaiauto.platform.web.RequestIds;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chat with the assistant: one answer as JSON, or the answer streamed as Server-Sent Events. */
@Path("/api/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public final class ChatResource {

    private static final Logger LOG = LoggerFactory.getLogger(ChatResource.class);

    private final Orchestrator orchestrator;
    private final ObjectMapper json;

    public ChatResource(Orchestrator orchestrator, ObjectMapper json) {
        this.orchestrator = orchestrator;
        this.json = json;
    }

    @Operation(summary = "Ask the assistant; the whole answer at once",
            description = "Starts a conversation, or continues `sessionId`. The answer says which agent gave it, how"
                    + " sure it is, the manual passages it rests on, and whether a person was asked to take over."
                    + " Resending with the same `idempotencyKey` (or `Idempotency-Key` header) returns the first answer.")
    @ApiResponse(responseCode = "200", description = "The answer")
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ChatReply chat(@Auth AuthenticatedUser user, @Valid @NotNull ChatRequests.Chat body,
                          @HeaderParam("Idempotency-Key") String idempotencyHeader) {
        return orchestrator.chat(user, input(body, idempotencyHeader), event -> { });
    }

    @Operation(summary = "Ask the assistant; the answer streamed as Server-Sent Events",
            description = """
                    The same turn as `POST /api/v1/chat`, as a `text/event-stream`. Each event is \
                    `event: <name>` then `data: <JSON>`:

                    * `session`: `{"sessionId","messageId"}`, first;
                    * `agent`: `{"agent","confidence"}`, which agent answers;
                    * `token`: `{"text"}`, the next piece of the answer, many times;
                    * `handoff`: `{"handoffId","reason","message"}` when a person is asked to take over;
                    * `sources`: the cited passages (array of `Source`);
                    * `done`: the whole answer (`ChatReply`), last;
                    * `error`: `{"code","message","requestId"}` when the turn fails after the stream began.

                    A request that is refused before the stream starts gets a plain JSON error.""")
    @ApiResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(types = "string")))
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @POST
    @Path("/stream")
    @Produces("text/event-stream")
    public Response stream(@Auth AuthenticatedUser user, @Valid @NotNull ChatRequests.Chat body,
                           @HeaderParam("Idempotency-Key") String idempotencyHeader) {
        // Validate before the stream starts, so a bad request still gets a plain 4xx.
        ChatInput input = input(body, idempotencyHeader);
        String requestId = RequestIds.current();
        StreamingOutput stream = output -> {
            EventWriter writer = new EventWriter(output);
            try {
                orchestrator.chat(user, input, event -> writer.send(event.type(), event.data()));
            } catch (ApiException e) {
                writer.send("error", Map.of("code", e.code(), "message", e.getMessage(), "requestId", requestId));
            } catch (RuntimeException e) {
                LOG.error("Chat stream failed", e);
                writer.send("error", Map.of("code", "internal_error", "message",
                        "The answer could not be completed. Quote the request id when reporting it.", "requestId", requestId));
            }
        };
        return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private static ChatInput input(ChatRequests.Chat body, String idempotencyHeader) {
        String key = body.idempotencyKey() != null ? body.idempotencyKey() : idempotencyHeader;
        return new ChatInput(body.message(), body.sessionId(), body.vehicleId(), key);
    }

    /**
     * Writes SSE frames. A client that goes away stops receiving, but the answer is still finished
     * and stored: the owner finds it in the conversation later.
     */
    private final class EventWriter {
        private final OutputStream output;
        private boolean gone;

        EventWriter(OutputStream output) {
            this.output = output;
        }

        synchronized void send(String type, Object data) {
            if (gone) {
                return;
            }
            try {
                String frame = "event: " + type + "\ndata: " + json.writeValueAsString(data) + "\n\n";
                output.write(frame.getBytes(StandardCharsets.UTF_8));
                output.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
