package com.genaiauto.conversations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.routing.IntentRouter;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Settings of the conversations module (CONFIDENCE_THRESHOLD, HUMAN_SUPPORT_WEBHOOK, MASK_PII, ...). */
public class ConversationsConfig {

    @DecimalMin("0.0") @DecimalMax("1.0")
    @JsonProperty
    private double confidenceThreshold = 0.7;

    @JsonProperty
    private String humanSupportWebhook = "";

    /** Signs the webhook's payload (HMAC-SHA256) so the receiver can trust it. */
    @JsonProperty
    private String humanSupportWebhookSecret = "";

    @Min(1) @Max(20)
    @JsonProperty
    private int webhookMaxAttempts = 5;

    @JsonProperty
    private boolean maskPii = true;

    /** How long one answer may take, model calls and fallbacks included. */
    @NotNull
    @JsonProperty
    private Duration answerDeadline = Duration.seconds(45);

    /**
     * How long a written answer is reused for another wording of the same question (same vehicle,
     * same passages, same answering lines); 0 turns the answer cache off. ANSWER_CACHE_TTL.
     */
    @NotNull
    @JsonProperty
    private Duration answerCacheTtl = Duration.hours(1);

    /** The support console's live streams send a heartbeat this often (below proxies' idle timeouts). */
    @NotNull
    @JsonProperty
    private Duration consoleHeartbeat = Duration.seconds(15);

    /** A console stream ends after this long and the console reconnects (possibly to another replica). */
    @NotNull
    @JsonProperty
    private Duration consoleStreamLife = Duration.minutes(10);

    /** Chats sent over WebSockets run on this many threads at most. */
    @Min(1) @Max(256)
    @JsonProperty
    private int socketWorkers = 16;

    /** Chats sent over WebSockets wait here for a worker; beyond it a message is refused as busy. */
    @Min(1) @Max(100_000)
    @JsonProperty
    private int socketQueue = 1024;

    /** The manufacturer or dealer group the assistant serves (ASSISTANT_BRAND); empty names none. */
    @JsonProperty
    private String brand = "";

    /** The assistant's own name (ASSISTANT_NAME); empty for none. */
    @JsonProperty
    private String assistantName = "";

    /** Given first when someone may be hurt (EMERGENCY_NUMBER). */
    @JsonProperty
    private String emergencyNumber = "112";

    /** When a configured language model routes messages: never, when_unsure (the default) or always. */
    @JsonProperty
    private String llmRouting = "when_unsure";

    /** Under this probability of the offline router, a configured language model is asked to route. */
    @DecimalMin("0.0") @DecimalMax("1.0")
    @JsonProperty
    private double llmRoutingBelow = 0.75;

    @AssertTrue(message = "llmRouting must be never, when_unsure or always")
    public boolean isLlmRoutingKnown() {
        try {
            IntentRouter.LlmRouting.parse(llmRouting == null ? "" : llmRouting);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "HUMAN_SUPPORT_WEBHOOK needs HUMAN_SUPPORT_WEBHOOK_SECRET to sign its payloads")
    public boolean isWebhookSigned() {
        return humanSupportWebhook().isBlank() || !humanSupportWebhookSecret().isBlank();
    }

    public double confidenceThreshold() {
        return confidenceThreshold;
    }

    public String humanSupportWebhook() {
        return humanSupportWebhook == null ? "" : humanSupportWebhook;
    }

    public String humanSupportWebhookSecret() {
        return humanSupportWebhookSecret == null ? "" : humanSupportWebhookSecret;
    }

    public int webhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    public boolean maskPii() {
        return maskPii;
    }

    public java.time.Duration answerDeadline() {
        return answerDeadline.toJavaDuration();
    }

    public java.time.Duration answerCacheTtl() {
        return answerCacheTtl.toJavaDuration();
    }

    public java.time.Duration consoleHeartbeat() {
        return consoleHeartbeat.toJavaDuration();
    }

    public java.time.Duration consoleStreamLife() {
        return consoleStreamLife.toJavaDuration();
    }

    public int socketWorkers() {
        return socketWorkers;
    }

    public int socketQueue() {
        return socketQueue;
    }

    public AssistantIdentity identity() {
        return new AssistantIdentity(brand, assistantName, emergencyNumber);
    }

    public IntentRouter.LlmRouting llmRouting() {
        return IntentRouter.LlmRouting.parse(llmRouting);
    }

    public double llmRoutingBelow() {
        return llmRoutingBelow;
    }
}
