package com.genaiauto.conversations.service;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.router.LlmRouter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the agent for a message: a cheap language model when one is configured, else — and
 * whenever that call fails or answers nonsense — the in-process embedding classifier, so routing
 * never depends on the network. Counts decisions and records their confidence.
 */
public final class IntentRouter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{[^{}]*}");
    static final String PROMPT = """
            You route messages from vehicle owners to the right assistant. Intents:
            - specs: questions the owner's manual answers (fluids, tyre pressures, features, what a warning light means, charging, towing limits, warranty terms)
            - maintenance: the owner's own service history or appointments (book, reschedule, cancel, when is the next service)
            - troubleshoot: something is wrong with the car now (noises, won't start, a warning light came on, smells, leaks)
            - general: greetings, thanks, questions about this service, asking for a human, anything else
            Answer with JSON only: {"intent": "<specs|maintenance|troubleshoot|general>", "confidence": <0..1>}""";

    private final LlmRouter llm;
    private final EmbeddingIntentClassifier offline;
    private final MetricRegistry metrics;
    private final Histogram confidence;

    public IntentRouter(LlmRouter llm, EmbeddingIntentClassifier offline, MetricRegistry metrics) {
        this.llm = llm;
        this.offline = offline;
        this.metrics = metrics;
        this.confidence = metrics.histogram("agent.routing_confidence");
    }

    /** {@code maskedText} has had personal data replaced: it may leave for a provider. */
    public IntentDecision route(String maskedText, ChatRequest.Attribution attribution) {
        IntentDecision decision = llm.hasLanguageModel() ? viaLanguageModel(maskedText, attribution) : null;
        if (decision == null) {
            decision = offline.classify(maskedText);
        }
        metrics.counter(MetricRegistry.name("agent.routing", decision.intent().wire(), decision.method())).inc();
        confidence.update(Math.round(decision.confidence() * 1000));
        return decision;
    }

    private IntentDecision viaLanguageModel(String text, ChatRequest.Attribution attribution) {
        try {
            ChatResponse response = llm.complete(ChatRequest.builder()
                    .messages(List.of(ChatMessage.system(PROMPT), ChatMessage.user(text)))
                    .profile(Profile.CHEAP).temperature(0.0).maxTokens(40).deadline(Duration.ofSeconds(8))
                    .allowDegraded(false).attribution(attribution).build());
            return parse(response.content());
        } catch (LlmException e) {
            return null;
        }
    }

    static IntentDecision parse(String content) {
        if (content == null) {
            return null;
        }
        Matcher matcher = JSON_OBJECT.matcher(content);
        if (!matcher.find()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(matcher.group());
            Intent intent = Intent.parse(node.path("intent").asText(""));
            double value = node.path("confidence").asDouble(0.8);
            return new IntentDecision(intent, Math.max(0, Math.min(1, value)), "llm");
        } catch (Exception e) {
            // Anything unparseable falls back to the offline classifier.
            return null;
        }
    }
}
