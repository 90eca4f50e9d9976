package com.genaiauto.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** Settings of the conversations module (CONFIDENCE_THRESHOLD, HUMAN_SUPPORT_WEBHOOK, MASK_PII). */
public class ConversationsConfig {

    @DecimalMin("0.0") @DecimalMax("1.0")
    @JsonProperty
    private double confidenceThreshold = 0.7;

    @JsonProperty
    private String humanSupportWebhook = "";

    @JsonProperty
    private boolean maskPii = true;

    public double confidenceThreshold() {
        return confidenceThreshold;
    }

    public String humanSupportWebhook() {
        return humanSupportWebhook;
    }

    public boolean maskPii() {
        return maskPii;
    }
}
