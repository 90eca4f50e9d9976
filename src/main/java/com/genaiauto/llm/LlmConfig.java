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

    /** Per profile (cheap, balanced, quality): candidates as "provider/model", best first. */
    @NotNull
    @JsonProperty
    private Map<String, List<String>> profiles = new LinkedHashMap<>();

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

        @NotBlank
        @JsonProperty
        private String baseUrl;

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
            return baseUrl;
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
            return enabled && (!requiresKey || (apiKey != null && !apiKey.isBlank()));
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
