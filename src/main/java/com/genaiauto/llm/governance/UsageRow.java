package com.genaiauto.llm.governance;

/** One group of a usage report: calls, tokens and spend in USD; {@code group} is null for calls without one. */
public record UsageRow(String group, long calls, long promptTokens, long completionTokens, double costUsd,
                       long failures) {
}
