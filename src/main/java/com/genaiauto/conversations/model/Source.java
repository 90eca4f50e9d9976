package com.genaiauto.conversations.model;

import java.util.UUID;

/** A passage an answer is based on, as shown to the owner. */
public record Source(String title, String section, String sourceName, UUID documentId, double score) {
}
