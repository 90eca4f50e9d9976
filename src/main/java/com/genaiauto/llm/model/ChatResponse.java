package com.genaiauto.llm.model;

import java.util.List;

/**
 * A model's answer. {@code degraded} marks answers not written by a language model (the
 * extractive responder); {@code cached} marks answers served from the response cache.
 */
public record ChatResponse(String id, String provider, String model, String content, List<ToolCall> toolCalls,
                           String finishReason, Usage usage, boolean degraded, boolean cached) {

    public ChatResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = usage == null ? Usage.NONE : usage;
    }

    /** The same answer named by the configured deployment's model id (providers may report a dated version). */
    public ChatResponse withModel(String configured) {
        return configured.equals(model) ? this
                : new ChatResponse(id, provider, configured, content, toolCalls, finishReason, usage, degraded, cached);
    }

    public ChatResponse asCached() {
        return new ChatResponse(id, provider, model, content, toolCalls, finishReason, usage, degraded, true);
    }
}
