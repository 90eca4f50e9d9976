package com.genaiauto.platform.housekeeping;

/** The kinds of data housekeeping removes once they are older than their configured age. */
public enum Retained {
    CONVERSATIONS,
    LLM_USAGE,
    AUDIT_LOG,
    REFRESH_TOKENS,
    EVALUATION_RUNS,
    INGESTION_JOBS;

    /** The name in metrics and reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
