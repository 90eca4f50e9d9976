package com.genaiauto.conversations.routing;

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
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.rag.embed.Embedder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the agent for a message. The in-process classifier decides first, from the embedding the
 * turn computed and the message's words; a language model, when one is configured, is asked only when that classifier is
 * unsure (or always, if so configured) — and whenever that call fails or answers nonsense, the
 * classifier's decision stands, so routing never depends on the network. Counts decisions and
 * records their probability.
 */
public final class IntentRouter {

    public static final String EXAMPLES = "conversations/intent-examples.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_OBJECT = Pattern.compile("\\{[^{}]*}");
    static final String PROMPT = """
            You route messages from vehicle owners to the right assistant. Intents:
            - specs: anything the owner's manual answers (specifications, capacities, fluids, tyre pressures, features and how to use them, what a warning light or message means, whether a behaviour is normal, warranty terms, towing, charging)
            - maintenance: service intervals and schedules, the owner's own service history and appointments (book, reschedule, cancel)
            - troubleshoot: something is wrong with the car now and the owner wants help finding or fixing the cause
            - general: greetings, thanks, questions about this service, asking for a human, anything else
            Answer with JSON only: {"intent": "<specs|maintenance|troubleshoot|general>", "confidence": <0..1>}""";

    /** When the language model is asked. */
    public enum LlmRouting {
        NEVER, WHEN_UNSURE, ALWAYS;

        public static LlmRouting parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final LlmRouter llm;
    private final ExampleClassifier<Intent> classifier;
    private final LlmRouting llmRouting;
    private final double unsureBelow;
    private final MetricRegistry metrics;
    private final Histogram confidence;

    public IntentRouter(LlmRouter llm, Embedder embedder, LlmRouting llmRouting, double unsureBelow, MetricRegistry metrics) {
        this.llm = llm;
        this.classifier = classifier(embedder);
        this.llmRouting = llmRouting;
        this.unsureBelow = unsureBelow;
        this.metrics = metrics;
        this.confidence = metrics.histogram("agent.routing_confidence");
        // agent_routing_total{intent, method} of every intent and method from the first scrape, at zero.
        KnownSeries.counters(metrics, "agent.routing", List.of(
                Arrays.stream(Intent.values()).map(Intent::wire).toList(),
                Arrays.stream(IntentDecision.Method.values()).map(IntentRouter::methodLabel).toList()));
    }

    /** The offline classifier as routing uses it (fitted when first asked). */
    public static ExampleClassifier<Intent> classifier(Embedder embedder) {
        return new ExampleClassifier<>(Intent.class, EXAMPLES, Intent::parse, embedder, null,
                ExampleClassifier.Inputs.EMBEDDING_AND_WORDS);
    }

    public void warmUp() {
        classifier.warmUp();
    }

    /** The offline classifier's view alone: no model call, no metrics. */
    public ExampleClassifier.Prediction<Intent> classify(String maskedText, float[] vector) {
        return classifier.classify(maskedText, vector);
    }

    /** {@code maskedText} has had personal data replaced: it may leave for a provider. */
    public IntentDecision route(String maskedText, float[] vector, ChatRequest.Attribution attribution) {
        ExampleClassifier.Prediction<Intent> offline = classifier.classify(maskedText, vector);
        IntentDecision decision = new IntentDecision(offline.label(), offline.probability(), IntentDecision.Method.EMBEDDING);
        boolean ask = llm.hasLanguageModel() && (llmRouting == LlmRouting.ALWAYS
                || llmRouting == LlmRouting.WHEN_UNSURE && offline.probability() < unsureBelow);
        if (ask) {
            IntentDecision byModel = viaLanguageModel(maskedText, attribution);
            if (byModel != null) {
                decision = byModel;
            }
        }
        record(decision);
        return decision;
    }

    /** Counts a decision made elsewhere (a flow that keeps its agent, a safety reply). */
    public void record(IntentDecision decision) {
        metrics.counter(MetricRegistry.name("agent.routing", decision.intent().wire(),
                methodLabel(decision.method()))).inc();
        confidence.update(Math.round(decision.probability() * 1000));
    }

    private static String methodLabel(IntentDecision.Method method) {
        return method.name().toLowerCase(Locale.ROOT);
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
            return new IntentDecision(intent, Math.max(0, Math.min(1, value)), IntentDecision.Method.LLM);
        } catch (Exception e) {
            // Anything unparseable leaves the offline decision standing.
            return null;
        }
    }
}
