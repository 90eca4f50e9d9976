package com.genaiauto.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Settings of the llm module: the default provider (OpenRouter: OPENROUTER_API_KEY,
 * OPENROUTER_BASE_URL, LLM_MODEL) and the response cache (CACHE_ENABLED, CACHE_TTL seconds).
 */
public class LlmConfig {

    @JsonProperty
    private String openrouterApiKey = "";

    @NotBlank
    @JsonProperty
    private String openrouterBaseUrl = "https://openrouter.ai/api/v1";

    @NotBlank
    @JsonProperty
    private String model = "anthropic/claude-3.5-haiku";

    @JsonProperty
    private boolean cacheEnabled = true;

    @Min(0)
    @JsonProperty
    private int cacheTtlSeconds = 3600;

    public String openrouterApiKey() {
        return openrouterApiKey;
    }

    public String openrouterBaseUrl() {
        return openrouterBaseUrl;
    }

    public String model() {
        return model;
    }

    public boolean cacheEnabled() {
        return cacheEnabled;
    }

    public int cacheTtlSeconds() {
        return cacheTtlSeconds;
    }

    public boolean hasRemoteProvider() {
        return openrouterApiKey != null && !openrouterApiKey.isBlank();
    }
}
