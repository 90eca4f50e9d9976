package com.genaiauto.rag.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an ingestion job is: waiting, reading the file, embedding its chunks, or finished either way. */
public enum JobStatus {
    QUEUED, PARSING, EMBEDDING, DONE, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
