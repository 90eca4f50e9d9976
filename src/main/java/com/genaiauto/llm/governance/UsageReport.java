package com.genaiauto.llm.governance;

import java.time.LocalDate;
import java.util.List;

/** Gateway usage from {@code from} to {@code to} (UTC days, both included), grouped {@code by}, dearest first. */
public record UsageReport(UsageGrouping by, LocalDate from, LocalDate to, List<UsageRow> rows) {

    public UsageReport {
        rows = List.copyOf(rows);
    }
}
