package com.genaiauto.conversations.model;

import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.web.CleanText;
import java.util.UUID;

/** One message from an owner: text, the session it continues (or none), the vehicle it is about. */
public record ChatInput(String message, UUID sessionId, UUID vehicleId, String idempotencyKey) {

    public static final int MAX_MESSAGE_CHARACTERS = 4_000;

    public ChatInput {
        if (message == null || message.isBlank()) {
            throw new UnprocessableException("message must not be blank");
        }
        if (message.length() > MAX_MESSAGE_CHARACTERS) {
            throw new UnprocessableException("message must be at most " + MAX_MESSAGE_CHARACTERS + " characters");
        }
        message = CleanText.require(message, "message").strip();
        CleanText.require(idempotencyKey, "idempotencyKey");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new UnprocessableException("idempotencyKey must be 1 to 200 characters");
        }
    }
}
