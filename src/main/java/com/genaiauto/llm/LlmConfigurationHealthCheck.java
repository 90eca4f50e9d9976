package com.genaiauto.llm;

import com.codahale.metrics.health.HealthCheck;
import java.net.URI;

/**
 * Admin-port check of the LLM settings. No key is a valid setup (the extractive responder answers
 * from retrieved passages), so it is healthy with a message; a malformed base URL is not.
 */
public final class LlmConfigurationHealthCheck extends HealthCheck {

    private final LlmConfig config;

    public LlmConfigurationHealthCheck(LlmConfig config) {
        this.config = config;
    }

    @Override
    protected Result check() {
        try {
            URI uri = URI.create(config.openrouterBaseUrl());
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return Result.unhealthy("OPENROUTER_BASE_URL is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            return Result.unhealthy("OPENROUTER_BASE_URL is malformed");
        }
        return config.hasRemoteProvider()
                ? Result.healthy("OpenRouter configured, model " + config.model())
                : Result.healthy("No provider key configured: answers come from the local extractive responder");
    }
}
