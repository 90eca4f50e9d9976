package com.genaiauto.rag.embed;

/** Embedding failed (remote endpoint down, wrong dimension); the message is safe for operators. */
public class EmbeddingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
