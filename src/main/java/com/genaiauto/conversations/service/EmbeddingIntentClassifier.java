package com.genaiauto.conversations.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Intent from the in-process embedding model and labelled examples (nearest neighbours, weighted
 * by similarity): routing that never needs the network. The examples are embedded once, lazily.
 */
public final class EmbeddingIntentClassifier {

    public static final String EXAMPLES = "conversations/intent-examples.json";
    private static final int NEIGHBOURS = 7;

    private final Embedder embedder;
    private volatile List<Example> examples;

    public EmbeddingIntentClassifier(Embedder embedder) {
        this.embedder = embedder;
    }

    public IntentDecision classify(String text) {
        float[] query = embedder.embedQuery(text);
        List<Example> all = examples();
        List<Scored> nearest = all.stream()
                .map(example -> new Scored(example.intent(), Vectors.cosine(query, example.vector())))
                .sorted(Comparator.comparingDouble(Scored::similarity).reversed())
                .limit(NEIGHBOURS).toList();
        Map<Intent, Double> votes = new EnumMap<>(Intent.class);
        double total = 0;
        for (Scored scored : nearest) {
            // Sharpen: close neighbours count far more than merely related ones.
            double weight = Math.exp(scored.similarity() * 20);
            votes.merge(scored.intent(), weight, Double::sum);
            total += weight;
        }
        Map.Entry<Intent, Double> best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new IntentDecision(best.getKey(), best.getValue() / total, "embedding");
    }

    private List<Example> examples() {
        List<Example> loaded = examples;
        if (loaded == null) {
            synchronized (this) {
                if (examples == null) {
                    examples = load();
                }
                loaded = examples;
            }
        }
        return loaded;
    }

    private List<Example> load() {
        Map<String, List<String>> labelled = labelledExamples();
        List<Intent> intents = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        labelled.forEach((intent, list) -> list.forEach(text -> {
            intents.add(Intent.parse(intent));
            texts.add(text);
        }));
        // Examples are embedded as queries: they are compared with queries, not passages.
        List<Example> result = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            result.add(new Example(intents.get(i), embedder.embedQuery(texts.get(i))));
        }
        return List.copyOf(result);
    }

    static Map<String, List<String>> labelledExamples() {
        try (InputStream stream = EmbeddingIntentClassifier.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
            if (stream == null) {
                throw new IllegalStateException(EXAMPLES + " is missing from the classpath");
            }
            return new ObjectMapper().readValue(stream, new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Example(Intent intent, float[] vector) {
    }

    private record Scored(Intent intent, double similarity) {
    }
}
