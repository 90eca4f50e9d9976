package com.genaiauto.rag.service;

import com.genaiauto.rag.model.DocumentType;
import java.util.UUID;

/**
 * A document as received: its bytes, what the client said they are, and optional metadata. A
 * missing title falls back to the title inside the file, then to the file name.
 */
public record Upload(byte[] content, String contentType, String fileName, String title, DocumentType type,
                     String sourceName, String make, String model, Integer yearFrom, Integer yearTo,
                     UUID uploadedBy) {
}
