package com.genaiauto.rag;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import com.genaiauto.rag.ingest.IngestionJobs;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Settings of the rag module. The embedding model is the in-process BGE small model unless
 * {@code EMBEDDING_BASE_URL} points at an OpenAI-compatible {@code /embeddings} endpoint.
 */
public class RagConfig {

    public static final String LOCAL_MODEL = "bge-small-en-v1.5";

    @NotBlank
    @JsonProperty
    private String embeddingModel = LOCAL_MODEL;

    // pgvector's HNSW index accepts at most 2000 dimensions for the vector type.
    @Min(1) @Max(2000)
    @JsonProperty
    private int embeddingDimension = 384;

    /** Empty: the in-process model. Otherwise the base URL of an OpenAI-compatible embeddings API. */
    @JsonProperty
    private String embeddingBaseUrl = "";

    @JsonProperty
    private String embeddingApiKey = "";

    /** Prefixes some remote models expect (nomic-embed-text: "search_query: " / "search_document: "). */
    @JsonProperty
    private String embeddingQueryPrefix = "";

    @JsonProperty
    private String embeddingPassagePrefix = "";

    @Min(1) @Max(2048)
    @JsonProperty
    private int embeddingBatchSize = 32;

    @NotNull
    @JsonProperty
    private Duration embeddingTimeout = Duration.seconds(30);

    /** Worker threads of the in-process model; 0 means one per available core. */
    @Min(0) @Max(64)
    @JsonProperty
    private int embeddingThreads = 0;

    @NotNull
    @JsonProperty
    private Duration embeddingCacheTtl = Duration.days(30);

    @Min(64) @Max(2000)
    @JsonProperty
    private int chunkMaxTokens = 320;

    @Min(0) @Max(200)
    @JsonProperty
    private int chunkOverlapTokens = 40;

    @NotNull
    @JsonProperty
    private DataSize maxUploadSize = DataSize.megabytes(10);

    /**
     * A guard against degenerate files (a heading on every line), not a size limit: a 10 MiB
     * manual of ordinary prose makes about 13,000 chunks (docs/benchmarks.md).
     */
    @Min(1) @Max(1_000_000)
    @JsonProperty
    private int maxChunksPerDocument = 100_000;

    /** Ingestion jobs one replica runs at once; each uses every embedding worker thread. */
    @Min(1) @Max(16)
    @JsonProperty
    private int ingestionWorkers = 1;

    /** A running job's replica renews its lease four times per lease; a job unrenewed this long is taken over. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration ingestionLease = Duration.seconds(60);

    /** How often each replica looks for queued jobs (a replica starts the jobs queued through it at once). */
    @NotNull
    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration ingestionPollInterval = Duration.seconds(2);

    /** Runs of one job cut short by a dying replica before the job is failed. */
    @Min(1) @Max(10)
    @JsonProperty
    private int ingestionMaxAttempts = 3;

    /** HNSW search breadth; raised to the candidate pool size when that is larger. */
    @Min(10) @Max(1000)
    @JsonProperty
    private int efSearch = 100;

    /** How many candidates each retriever contributes before fusion. */
    @Min(5) @Max(500)
    @JsonProperty
    private int candidatePool = 40;

    /** Chunks less similar than this to the query are dropped, so off-topic questions get nothing. */
    @DecimalMin("0.0") @DecimalMax("1.0")
    @JsonProperty
    private double minSimilarity = 0.56;

    /** The full-text retriever's weight in the fusion (the vector retriever's is 1). */
    @DecimalMin("0.0") @DecimalMax("2.0")
    @JsonProperty
    private double textWeight = 0.5;


    @AssertTrue(message = "the in-process embedding model is bge-small-en-v1.5 with 384 dimensions; "
            + "set EMBEDDING_BASE_URL to use another model")
    public boolean isLocalModelConsistent() {
        return !embeddingBaseUrl().isBlank() || (LOCAL_MODEL.equals(embeddingModel) && embeddingDimension == 384);
    }

    @AssertTrue(message = "chunkOverlapTokens must be less than half of chunkMaxTokens")
    public boolean isOverlapSmallerThanChunk() {
        return chunkOverlapTokens < chunkMaxTokens / 2;
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    public int embeddingDimension() {
        return embeddingDimension;
    }

    public String embeddingBaseUrl() {
        // An empty environment variable arrives as null.
        return embeddingBaseUrl == null ? "" : embeddingBaseUrl;
    }

    public String embeddingApiKey() {
        return embeddingApiKey == null ? "" : embeddingApiKey;
    }

    public String embeddingQueryPrefix() {
        return embeddingQueryPrefix == null ? "" : embeddingQueryPrefix;
    }

    public String embeddingPassagePrefix() {
        return embeddingPassagePrefix == null ? "" : embeddingPassagePrefix;
    }

    public int embeddingBatchSize() {
        return embeddingBatchSize;
    }

    public java.time.Duration embeddingTimeout() {
        return embeddingTimeout.toJavaDuration();
    }

    public int embeddingThreads() {
        return embeddingThreads == 0 ? Runtime.getRuntime().availableProcessors() : embeddingThreads;
    }

    public long embeddingCacheTtlSeconds() {
        return embeddingCacheTtl.toSeconds();
    }

    public int chunkMaxTokens() {
        return chunkMaxTokens;
    }

    public int chunkOverlapTokens() {
        return chunkOverlapTokens;
    }

    public long maxUploadBytes() {
        return maxUploadSize.toBytes();
    }

    public int maxChunksPerDocument() {
        return maxChunksPerDocument;
    }

    public IngestionJobs.Settings ingestionJobs() {
        return new IngestionJobs.Settings(ingestionWorkers, ingestionLease.toJavaDuration(),
                ingestionPollInterval.toJavaDuration(), ingestionMaxAttempts);
    }

    public int efSearch() {
        return efSearch;
    }

    public int candidatePool() {
        return candidatePool;
    }

    public double minSimilarity() {
        return minSimilarity;
    }

    public double textWeight() {
        return textWeight;
    }

    /** Values the schema migrations need from this module. */
    public Map<String, String> migrationPlaceholders() {
        return Map.of("embedding_dimension", Integer.toString(embeddingDimension));
    }
}
