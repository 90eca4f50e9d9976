package com.genaiauto.rag.service;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.Map;

/** HTTP 422, code {@code unreadable_document}: the file is damaged or not what its type says. */
public class UnreadableUploadException extends UnprocessableException {

    private static final long serialVersionUID = 1L;

    public UnreadableUploadException(String reason, String contentType) {
        super("unreadable_document", "cannot read the document: " + reason, Map.of("contentType", contentType));
    }
}
