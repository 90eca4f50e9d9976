package com.genaiauto.conversations.resource;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** JSON bodies of the chat endpoints. */
final class ChatRequests {

    private ChatRequests() {
    }

    record Chat(@NotBlank @Size(max = 4000) String message, UUID sessionId, UUID vehicleId,
                @Size(max = 200) String idempotencyKey) {
    }

    record Feedback(@NotNull UUID messageId, @NotNull Integer rating, @Size(max = 2000) String comment) {
    }

    record AgentReply(@NotBlank @Size(max = 4000) String content) {
    }
}
