package com.genaiauto.llm.governance;

import java.time.LocalDate;
import java.util.List;

/**
 * Gateway usage per UTC day from {@code from} to {@code to} (both included) and per group
 * ({@code by} key, user or model): days in order, the dearest group first within a day. Days
 * without calls have no rows. {@code truncated} says the report stopped at {@link #MAX_ROWS}.
 */
public record DailyUsageReport(UsageGrouping by, LocalDate from, LocalDate to, List<DailyUsageRow> rows,
                               boolean truncated) {

    public static final int MAX_ROWS = 5000;

    public DailyUsageReport {
        rows = List.copyOf(rows);
    }
}
