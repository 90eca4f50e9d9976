package com.genaiauto.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Settings of the llm module: the providers and their models and prices, the ordered candidates
 * of each profile, the circuit breaker, the response cache (CACHE_ENABLED, CACHE_TTL) and the
 * daily budget.
 */
public class LlmConfig {

    @Valid @NotNull
    @JsonProperty
    private List<ProviderConfig> providers = new ArrayList<>();

    /**
     * The older form of {@link #aliases}: per name, deployments as "provider/model", each tried
     * after the one before (one group each). An alias of the same name wins.
     */
    @NotNull
    @JsonProperty
    private Map<String, List<String>> profiles = new LinkedHashMap<>();

    /**
     * Model names clients and the assistant use ({@code cheap}, {@code balanced} and
     * {@code quality} are the assistant's), each an ordered list of groups of equivalent
     * deployments: load is balanced within a group, and a group is tried when the one before failed.
     */
    @Valid @NotNull
    @JsonProperty
    private Map<String, List<AliasGroup>> aliases = new LinkedHashMap<>();

    @JsonProperty
    private boolean cacheEnabled = true;

    @Min(0)
    @JsonProperty
    private int cacheTtlSeconds = 3600;

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration requestDeadline = Duration.seconds(60);

    @Valid @NotNull
    @JsonProperty
    private Breaker breaker = new Breaker();

    @Valid @NotNull
    @JsonProperty
    private Budget budget = new Budget();

    @Min(1)
    @JsonProperty
    private int gatewayRequestsPerMinutePerKey = 600;

    public List<ProviderConfig> providers() {
        return providers;
    }

    public Map<String, List<String>> profiles() {
        return profiles;
    }

    /** Every alias: the {@code aliases} section, then the {@code profiles} not redefined there. */
    public Map<String, List<AliasGroup>> aliases() {
        Map<String, List<AliasGroup>> all = new LinkedHashMap<>();
        profiles.forEach((name, deployments) -> all.put(name,
                deployments.stream().map(AliasGroup::new).toList()));
        all.putAll(aliases);
        return all;
    }

    public boolean cacheEnabled() {
        return cacheEnabled;
    }

    public int cacheTtlSeconds() {
        return cacheTtlSeconds;
    }

    public Duration requestDeadline() {
        return requestDeadline;
    }

    public Breaker breaker() {
        return breaker;
    }

    public Budget budget() {
        return budget;
    }

    public int gatewayRequestsPerMinutePerKey() {
        return gatewayRequestsPerMinutePerKey;
    }

    /** True when at least one remote provider has what it needs to be called. */
    public boolean hasRemoteProvider() {
        return providers.stream().anyMatch(ProviderConfig::isUsable);
    }

    /** One LLM endpoint: OpenAI-compatible (OpenRouter, OpenAI, Ollama, vLLM, Groq, Gemini) or Anthropic. */
    public static class ProviderConfig {
        @NotBlank
        @JsonProperty
        private String name;

        /** {@code openai} (any OpenAI-compatible chat completions API) or {@code anthropic}. */
        @NotBlank
        @JsonProperty
        private String type = "openai";

        /** Blank or absent leaves the provider off (a local server named by an unset variable). */
        @JsonProperty
        private String baseUrl = "";

        @JsonProperty
        private String apiKey = "";

        /** Local servers (Ollama, vLLM) need no key. */
        @JsonProperty
        private boolean requiresKey = true;

        @JsonProperty
        private boolean enabled = true;

        /** Lower first, when several providers serve a model a request pins by its bare name. */
        @JsonProperty
        private int priority = 100;

        @NotNull
        @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
        @JsonProperty
        private Duration timeout = Duration.seconds(30);

        @Min(0) @Max(5)
        @JsonProperty
        private int retries = 1;

        @Min(1)
        @JsonProperty
        private int requestsPerMinute = 600;

        @Min(1)
        @JsonProperty
        private int maxConcurrentCalls = 32;

        /**
         * A call that finds every slot taken waits this long for one, instead of falling to the next
         * provider (or to a quoted answer) at once: a spike queues, bounded by {@link #maxQueuedCalls}.
         */
        @JsonProperty
        private io.dropwizard.util.Duration maxQueueWait = io.dropwizard.util.Duration.seconds(10);

        @Min(0)
        @JsonProperty
        private int maxQueuedCalls = 512;

        @Valid @NotNull
        @JsonProperty
        private List<ModelConfig> models = new ArrayList<>();

        public String name() {
            return name;
        }

        public String type() {
            return type;
        }

        public String baseUrl() {
            return baseUrl == null ? "" : baseUrl;
        }

        public String apiKey() {
            return apiKey;
        }

        public boolean enabled() {
            return enabled;
        }

        public int priority() {
            return priority;
        }

        public Duration timeout() {
            return timeout;
        }

        public int retries() {
            return retries;
        }

        public int requestsPerMinute() {
            return requestsPerMinute;
        }

        public int maxConcurrentCalls() {
            return maxConcurrentCalls;
        }

        public java.time.Duration maxQueueWait() {
            return maxQueueWait.toJavaDuration();
        }

        public int maxQueuedCalls() {
            return maxQueuedCalls;
        }

        public List<ModelConfig> models() {
            return models;
        }

        public boolean isUsable() {
            return enabled && !baseUrl().isBlank() && (!requiresKey || (apiKey != null && !apiKey.isBlank()));
        }
    }

    /** How a group spreads calls over its deployments. */
    public enum Balance {
        /** In proportion to the weights, smoothly interleaved (nginx's weighted round robin). */
        @JsonProperty("weighted") WEIGHTED,
        /** To the deployment whose provider has the fewest calls in flight; weights break ties. */
        @JsonProperty("least-busy") LEAST_BUSY
    }

    /** Equivalent deployments of one alias, written as one "provider/model" or as an object. */
    public static class AliasGroup {
        @NotNull
        @JsonProperty
        private Balance balance = Balance.WEIGHTED;

        @Valid @NotNull @jakarta.validation.constraints.Size(min = 1)
        @JsonProperty
        private List<DeploymentRef> deployments = new ArrayList<>();

        public AliasGroup() {
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public AliasGroup(String deployment) {
            this.deployments = List.of(new DeploymentRef(deployment));
        }

        public Balance balance() {
            return balance;
        }

        public List<DeploymentRef> deployments() {
            return deployments;
        }
    }

    /** One deployment of a group, "provider/model", with its share of the group's calls. */
    public static class DeploymentRef {
        @NotBlank
        @JsonProperty
        private String deployment;

        @Min(1) @Max(1000)
        @JsonProperty
        private int weight = 1;

        public DeploymentRef() {
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public DeploymentRef(String deployment) {
            this.deployment = deployment;
        }

        public String deployment() {
            return deployment;
        }

        public int weight() {
            return weight;
        }
    }

    /** A model a provider serves, with its price in US dollars per million tokens. */
    public static class ModelConfig {
        @NotBlank
        @JsonProperty
        private String id;

        @DecimalMin("0")
        @JsonProperty
        private double inputPricePerMillion;

        @DecimalMin("0")
        @JsonProperty
        private double outputPricePerMillion;

        public ModelConfig() {
        }

        public ModelConfig(String id, double inputPricePerMillion, double outputPricePerMillion) {
            this.id = id;
            this.inputPricePerMillion = inputPricePerMillion;
            this.outputPricePerMillion = outputPricePerMillion;
        }

        public String id() {
            return id;
        }

        public double inputPricePerMillion() {
            return inputPricePerMillion;
        }

        public double outputPricePerMillion() {
            return outputPricePerMillion;
        }
    }

    /**
     * A count-based window small enough for this traffic: the breaker may open after
     * {@code minimumCalls} calls, when {@code failureRatePercent} of the last {@code windowSize} failed.
     */
    public static class Breaker {
        @Min(2) @Max(1000)
        @JsonProperty
        private int windowSize = 10;

        @Min(1) @Max(1000)
        @JsonProperty
        private int minimumCalls = 5;

        @DecimalMin("1") @DecimalMax("100")
        @JsonProperty
        private float failureRatePercent = 50;

        @NotNull
        @JsonProperty
        private Duration openFor = Duration.seconds(30);

        @Min(1) @Max(100)
        @JsonProperty
        private int halfOpenCalls = 2;

        public int windowSize() {
            return windowSize;
        }

        public int minimumCalls() {
            return minimumCalls;
        }

        public float failureRatePercent() {
            return failureRatePercent;
        }

        public Duration openFor() {
            return openFor;
        }

        public int halfOpenCalls() {
            return halfOpenCalls;
        }
    }

    /** Daily spend limit in US dollars: a warning at {@code warnShare}, cheap models only beyond it. */
    public static class Budget {
        @DecimalMin("0")
        @JsonProperty
        private double dailyUsd = 25.0;

        @DecimalMin("0") @DecimalMax("1")
        @JsonProperty
        private double warnShare = 0.8;

        public double dailyUsd() {
            return dailyUsd;
        }

        public double warnShare() {
            return warnShare;
        }
    }
}
