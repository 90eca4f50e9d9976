package com.genaiauto.llm;

import com.codahale.metrics.health.HealthCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin-port check of the LLM settings. No key is a valid setup (the extractive responder answers
 * from retrieved passages), so it is healthy with a message; a malformed base URL, an unknown
 * provider type or a profile naming an unknown model is not.
 */
public final class LlmConfigurationHealthCheck extends HealthCheck {

    private final LlmConfig config;

    public LlmConfigurationHealthCheck(LlmConfig config) {
        this.config = config;
    }

    @Override
    protected Result check() {
        List<String> problems = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        for (LlmConfig.ProviderConfig provider : config.providers()) {
            if (provider.baseUrl().isBlank()) {
                continue;
            }
            try {
                URI uri = URI.create(provider.baseUrl());
                if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                    problems.add(provider.name() + ": base URL is not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add(provider.name() + ": base URL is malformed");
            }
            if (!provider.type().equals("openai") && !provider.type().equals("anthropic")) {
                problems.add(provider.name() + ": unknown type " + provider.type());
            }
            if (provider.isUsable()) {
                usable.add(provider.name());
            }
        }
        config.aliases().forEach((alias, groups) -> {
            for (LlmConfig.AliasGroup group : groups) {
                for (LlmConfig.DeploymentRef ref : group.deployments()) {
                    String entry = ref.deployment();
                    int slash = entry.indexOf('/');
                    String providerName = slash > 0 ? entry.substring(0, slash) : "";
                    String model = slash > 0 ? entry.substring(slash + 1) : entry;
                    boolean known = config.providers().stream().anyMatch(p -> p.name().equals(providerName)
                            && p.models().stream().anyMatch(m -> m.id().equals(model)));
                    if (!known) {
                        problems.add("alias " + alias + " names unknown deployment " + entry);
                    }
                }
            }
        });
        if (!problems.isEmpty()) {
            return Result.unhealthy(String.join("; ", problems));
        }
        return usable.isEmpty()
                ? Result.healthy("No provider key configured: answers come from the local extractive responder")
                : Result.healthy("Providers ready: " + String.join(", ", usable));
    }
}
