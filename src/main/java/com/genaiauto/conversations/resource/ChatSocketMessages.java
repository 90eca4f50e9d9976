package com.genaiauto.conversations.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The messages of the chat socket ({@link ChatSocket}) as the OpenAPI document describes them
 * ({@link ChatSocketApi}); a test checks real messages against these shapes.
 */
public final class ChatSocketMessages {

    private ChatSocketMessages() {
    }

    @Schema(description = "A message a client sends", oneOf = {Auth.class, Send.class, Ping.class})
    public interface ClientMessage {
    }

    @Schema(description = "A message the service sends", oneOf = {Ready.class, Pong.class, Event.class, Error.class})
    public interface ServerMessage {
    }

    @Schema(description = "The first message: the caller's access token")
    public record Auth(@NotNull @Schema(allowableValues = "auth") String type, @NotBlank String token)
            implements ClientMessage {
    }

    @Schema(description = "A question in this conversation")
    public record Send(@NotNull @Schema(allowableValues = "message") String type,
                       @NotBlank @Schema(maxLength = 4000) String text,
                       @Schema(description = "Repeats of one key are answered once") String idempotencyKey)
            implements ClientMessage {
    }

    public record Ping(@NotNull @Schema(allowableValues = "ping") String type) implements ClientMessage {
    }

    public record Ready(@NotNull @Schema(allowableValues = "ready") String type, @NotNull SessionData data)
            implements ServerMessage {
    }

    public record SessionData(@NotNull UUID sessionId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pong(@NotNull @Schema(allowableValues = "pong") String type) implements ServerMessage {
    }

    @Schema(description = "An event of the conversation; `data` as in the chat stream's event of that name")
    public record Event(@NotNull @Schema(allowableValues = {"session", "agent", "token", "sources", "handoff",
            "done", "agent_message", "user_message"}) String type,
                        @NotNull @Schema(types = {"object", "array"}) Object data) implements ServerMessage {
    }

    public record Error(@NotNull @Schema(allowableValues = "error") String type, @NotNull Problem data)
            implements ServerMessage {
    }

    public record Problem(@NotNull String code, @NotNull String message) {
    }
}
