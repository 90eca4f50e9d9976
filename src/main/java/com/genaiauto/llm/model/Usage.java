package com.genaiauto.llm.model;

/** Tokens of one call; {@code estimated} when the provider reported none and we counted. */
public record Usage(int promptTokens, int completionTokens, boolean estimated) {

    public static final Usage NONE = new Usage(0, 0, false);

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
