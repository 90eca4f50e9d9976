package com.genaiauto.llm.governance;

import java.time.LocalDate;

/** One group's usage on one UTC day: calls, tokens and spend in USD; {@code group} is null for calls without one. */
public record DailyUsageRow(LocalDate day, String group, long calls, long promptTokens, long completionTokens,
                            double costUsd, long failures) {
}
