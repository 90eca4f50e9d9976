package com.genaiauto.rag.service;

import com.genaiauto.platform.errors.UnprocessableException;

/** Code {@code empty_document}: the file was read, but holds no text to index. */
public class EmptyDocumentException extends UnprocessableException {

    private static final long serialVersionUID = 1L;

    public EmptyDocumentException() {
        super("empty_document", "the document has no text to index", null);
    }
}
