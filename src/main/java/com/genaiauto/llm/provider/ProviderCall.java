package com.genaiauto.llm.provider;

import com.genaiauto.llm.model.ChatRequest;
import java.time.Duration;

/** One attempt against one provider and model, with the time it may take. */
public record ProviderCall(String model, ChatRequest request, Duration timeout) {
}
