package com.genaiauto.llm.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a caller asks of the router. {@code model} pins one model ("provider/model" or a model id);
 * otherwise {@code profile} picks the candidates. {@code deadline} bounds the whole call,
 * retries and fallbacks included.
 */
public record ChatRequest(List<ChatMessage> messages, Profile profile, String model, Double temperature,
                          Integer maxTokens, List<ToolDefinition> tools, List<ContextPassage> context,
                          Duration deadline, boolean allowDegraded, Attribution attribution) {

    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("at least one message is required");
        }
        messages = List.copyOf(messages);
        profile = profile == null ? Profile.BALANCED : profile;
        tools = tools == null ? List.of() : List.copyOf(tools);
        context = context == null ? List.of() : List.copyOf(context);
        attribution = attribution == null ? Attribution.NONE : attribution;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same request for another model name (an alias or a deployment). */
    public ChatRequest withModel(String name) {
        return new ChatRequest(messages, profile, name, temperature, maxTokens, tools, context, deadline, allowDegraded,
                attribution);
    }

    /** The same request grounded in these passages. */
    public ChatRequest withContext(List<ContextPassage> passages) {
        return new ChatRequest(messages, profile, model, temperature, maxTokens, tools, passages, deadline,
                allowDegraded, attribution);
    }

    /** Deterministic requests (temperature 0) may be answered from the response cache. */
    public boolean isDeterministic() {
        return temperature != null && temperature == 0.0;
    }

    /** Who the call is for, recorded in the cost ledger. */
    public record Attribution(String requestId, UUID conversationId, UUID userId, UUID apiKeyId) {
        public static final Attribution NONE = new Attribution(null, null, null, null);
    }

    public static final class Builder {
        private List<ChatMessage> messages = List.of();
        private Profile profile = Profile.BALANCED;
        private String model;
        private Double temperature;
        private Integer maxTokens;
        private List<ToolDefinition> tools = List.of();
        private List<ContextPassage> context = List.of();
        private Duration deadline;
        private boolean allowDegraded = true;
        private Attribution attribution = Attribution.NONE;

        public Builder messages(List<ChatMessage> value) {
            this.messages = Objects.requireNonNull(value);
            return this;
        }

        public Builder profile(Profile value) {
            this.profile = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder temperature(Double value) {
            this.temperature = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            this.maxTokens = value;
            return this;
        }

        public Builder tools(List<ToolDefinition> value) {
            this.tools = value;
            return this;
        }

        public Builder context(List<ContextPassage> value) {
            this.context = value;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = value;
            return this;
        }

        public Builder allowDegraded(boolean value) {
            this.allowDegraded = value;
            return this;
        }

        public Builder attribution(Attribution value) {
            this.attribution = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(messages, profile, model, temperature, maxTokens, tools, context, deadline,
                    allowDegraded, attribution);
        }
    }
}
