package com.genaiauto.conversations.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/**
 * {@code GET /ws/{sessionId}} ({@link ChatSocketServlet}) and the messages of its socket
 * ({@link ChatSocket}), for the OpenAPI document only: Jersey never serves this type. Its messages
 * are {@link ChatSocketMessages}.
 */
@Path("/ws/{sessionId}")
@Tag(name = ChatSocketApi.TAG)
public interface ChatSocketApi {

    String TAG = "Chat socket";

    @GET
    @Operation(summary = "Live chat over a WebSocket", description = """
            Upgrades to a WebSocket for one conversation (`sessionId`, from a chat answer). Messages are \
            JSON text frames.

            1. **Authenticate first**, within 10 s: send `{"type":"auth","token":"<access token>"}` \
            (`ChatSocketMessages.Auth`; browsers cannot set headers on a socket, and a token in the URL would be \
            logged). The owner of the conversation gets `{"type":"ready","data":{"sessionId"}}`.
            2. **Then** send `{"type":"message","text":"...","idempotencyKey":"..."}` (`ChatSocketMessages.Send`) to \
            ask, and `{"type":"ping"}` (`ChatSocketMessages.Ping`), answered `{"type":"pong"}`.
            3. **Receive** every event of the conversation, from whichever replica it happens on \
            (`ChatSocketMessages.Event`): `session`, `agent`, `token`, `sources`, `handoff`, `done` (as in \
            `POST /api/v1/chat/stream`), `agent_message` (a support agent's reply) and `user_message`; \
            problems come as `{"type":"error","data":{"code","message"}}` (`ChatSocketMessages.Error`).

            Every client message is one of `ChatSocketMessages.ClientMessage`; every server message one of \
            `ChatSocketMessages.ServerMessage`. The token is checked on every message. Close codes: **4401** no \
            valid token (at first or since), **4403** not the caller's conversation, **4408** the client \
            stopped reading. Socket messages count against the same per-user chat rate as the REST chat.

            **Access:** the conversation's owner, proven by the first message.""")
    @Parameter(name = "Upgrade", in = ParameterIn.HEADER, required = true,
            schema = @Schema(allowableValues = "websocket"))
    @Parameter(name = "Connection", in = ParameterIn.HEADER, required = true, schema = @Schema(types = "string",
            example = "Upgrade"))
    @Parameter(name = "Sec-WebSocket-Key", in = ParameterIn.HEADER, required = true, schema = @Schema(types = "string"))
    @Parameter(name = "Sec-WebSocket-Version", in = ParameterIn.HEADER, required = true,
            schema = @Schema(allowableValues = "13"))
    @ApiResponse(responseCode = "101", description = "Switching Protocols: the socket is open; authenticate with"
            + " the first message")
    @ApiResponse(responseCode = "404", description = "`sessionId` is not a conversation id",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ErrorResponse")))
    @ApiResponse(responseCode = "default", description = "Not a WebSocket upgrade, or another error",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ErrorResponse")))
    void open(@PathParam("sessionId") UUID sessionId);
}
