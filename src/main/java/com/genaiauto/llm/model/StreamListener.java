package com.genaiauto.llm.model;

/**
 * Receives a streamed answer: text deltas in order, then exactly one of {@link #completed} or
 * {@link #failed}. A failure after text was delivered means the answer was cut off.
 */
public interface StreamListener {

    void delta(String text);

    void completed(ChatResponse response);

    void failed(LlmException error, boolean afterOutput);
}
