package com.genaiauto.platform.housekeeping;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * How long data is kept (days; 0 keeps it forever) and how often housekeeping runs
 * (HOUSEKEEPING_INTERVAL; 0 turns the schedule off, the admin task still works).
 */
public class HousekeepingConfig {

    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration interval = Duration.hours(1);

    @Min(0)
    @JsonProperty
    private int conversationsDays = 365;

    /** Older calls are rolled up into daily totals first; at least 35 days so month budgets see every call. */
    @Min(0)
    @JsonProperty
    private int llmUsageDays = 90;

    @Min(0)
    @JsonProperty
    private int auditLogDays = 730;

    @Min(0)
    @JsonProperty
    private int refreshTokensDays = 30;

    @Min(0)
    @JsonProperty
    private int evaluationRunsDays = 180;

    /** Finished ingestion jobs (their bytes went when they finished). */
    @Min(0)
    @JsonProperty
    private int ingestionJobsDays = 30;

    @jakarta.validation.constraints.AssertTrue(message = "LLM_USAGE_RETENTION_DAYS must be 0 or at least 35 (month budgets)")
    public boolean isUsageKeptForAMonth() {
        return llmUsageDays == 0 || llmUsageDays >= 35;
    }

    public java.time.Duration interval() {
        return interval.toJavaDuration();
    }

    public int days(Retained kind) {
        return switch (kind) {
            case CONVERSATIONS -> conversationsDays;
            case LLM_USAGE -> llmUsageDays;
            case AUDIT_LOG -> auditLogDays;
            case REFRESH_TOKENS -> refreshTokensDays;
            case EVALUATION_RUNS -> evaluationRunsDays;
            case INGESTION_JOBS -> ingestionJobsDays;
        };
    }
}
