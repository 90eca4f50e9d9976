package com.genaiauto.llm.provider;

import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.StreamListener;

/** One way to get an answer from a model: a remote API or the local extractive responder. */
public interface LlmProvider {

    String name();

    /** {@code openai}, {@code anthropic} or {@code extractive}. */
    String type();

    /** Answers in one piece, or throws {@link com.genaiauto.llm.model.LlmException}. */
    ChatResponse complete(ProviderCall call);

    /**
     * Streams an answer into the listener, which hears exactly one of {@code completed} or
     * {@code failed} before this returns.
     */
    void stream(ProviderCall call, StreamListener listener);
}
