package com.genaiauto.rag.service;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.Map;

/**
 * Code {@code too_many_chunks}: a guard against degenerate files (a heading on every line), set
 * far above what a manual within the upload limit makes.
 */
public class TooManyChunksException extends UnprocessableException {

    private static final long serialVersionUID = 1L;

    public TooManyChunksException(int chunks, int limit) {
        super("too_many_chunks", "the document makes " + chunks + " chunks; at most " + limit
                + " are allowed per document (RAG_MAX_CHUNKS_PER_DOCUMENT)", Map.of("chunks", chunks, "limit", limit));
    }
}
