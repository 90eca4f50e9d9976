package com.genaiauto.llm.provider;

import com.genaiauto.llm.model.ChatRequest;
import java.time.Duration;

/**
 * One attempt against one provider and model. {@code timeout} bounds a whole answer, or for a
 * stream the silence between two events; {@code overall} bounds a stream as a whole.
 */
public record ProviderCall(String model, ChatRequest request, Duration timeout, Duration overall) {

    public ProviderCall(String model, ChatRequest request, Duration timeout) {
        this(model, request, timeout, timeout);
    }
}
