package com.genaiauto.rag.parse;

/** The file is not what its type says, or is damaged; the message is safe to show the uploader. */
public class UnreadableDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadableDocumentException(String message) {
        super(message);
    }

    public UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
