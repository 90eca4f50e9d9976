package com.genaiauto.rag.model;

/** What an upload did: created a document, replaced its chunks, or found it unchanged. */
public record IngestionResult(Outcome outcome, KnowledgeDocument document) {

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
