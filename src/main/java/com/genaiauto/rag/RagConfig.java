package com.genaiauto.rag;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** Settings of the rag module: the embedding model (EMBEDDING_MODEL) and its dimension. */
public class RagConfig {

    @NotBlank
    @JsonProperty
    private String embeddingModel = "bge-small-en-v1.5";

    // pgvector's HNSW index accepts at most 2000 dimensions for the vector type.
    @Min(1) @Max(2000)
    @JsonProperty
    private int embeddingDimension = 384;

    public String embeddingModel() {
        return embeddingModel;
    }

    public int embeddingDimension() {
        return embeddingDimension;
    }

    /** Values the schema migrations need from this module. */
    public Map<String, String> migrationPlaceholders() {
        return Map.of("embedding_dimension", Integer.toString(embeddingDimension));
    }
}
