package com.genaiauto.rag.embed;

import com.genaiauto.platform.errors.ServiceUnavailableException;

/**
 * Embedding failed (remote endpoint down, wrong dimension): HTTP 503 {@code embedding_unavailable}.
 * The message names the cause for operators and holds nothing from the request.
 */
public class EmbeddingException extends ServiceUnavailableException {

    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super("embedding_unavailable", message, null);
    }

    public EmbeddingException(String message, Throwable cause) {
        super("embedding_unavailable", message, null);
        initCause(cause);
    }
}
