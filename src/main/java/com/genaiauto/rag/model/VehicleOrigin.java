package com.genaiauto.rag.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a document's make, model and years came from. Inference may revise only what it set
 * itself (or nothing): what an uploader, the file's front matter or an administrator said stands.
 */
public enum VehicleOrigin {
    NONE, GIVEN, FRONT_MATTER, INFERRED, ADMIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VehicleOrigin fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean revisable() {
        return this == NONE || this == INFERRED;
    }
}
