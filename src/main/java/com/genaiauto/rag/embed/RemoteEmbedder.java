package com.genaiauto.rag.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI-compatible {@code POST /embeddings} endpoint (OpenAI, Ollama, vLLM, LM Studio, ...),
 * called in batches. Vectors are L2-normalised here so cosine distances compare like the local model's.
 */
public final class RemoteEmbedder implements Embedder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final int dimension;
    private final int batchSize;
    private final String queryPrefix;
    private final String passagePrefix;
    private final Duration timeout;

    public RemoteEmbedder(String baseUrl, String apiKey, String model, int dimension, int batchSize,
                          String queryPrefix, String passagePrefix, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/embeddings");
        this.apiKey = apiKey;
        this.model = model;
        this.dimension = dimension;
        this.batchSize = Math.max(1, batchSize);
        this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
        this.passagePrefix = passagePrefix == null ? "" : passagePrefix;
        this.timeout = timeout;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> batch = texts.subList(start, Math.min(texts.size(), start + batchSize)).stream()
                    .map(text -> passagePrefix + text).toList();
            vectors.addAll(call(batch));
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        return call(List.of(queryPrefix + query)).get(0);
    }

    private List<float[]> call(List<String> inputs) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        inputs.forEach(body.putArray("input")::add);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new EmbeddingException("embedding endpoint answered HTTP " + response.statusCode());
            }
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (!data.isArray() || data.size() != inputs.size()) {
                throw new EmbeddingException("embedding endpoint returned " + data.size() + " vectors for "
                        + inputs.size() + " inputs");
            }
            float[][] ordered = new float[inputs.size()][];
            for (int i = 0; i < data.size(); i++) {
                JsonNode item = data.get(i);
                int index = item.path("index").asInt(i);
                JsonNode values = item.path("embedding");
                if (values.size() != dimension) {
                    throw new EmbeddingException("embedding model " + model + " returned " + values.size()
                            + " dimensions, configured EMBEDDING_DIMENSION is " + dimension);
                }
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    vector[d] = (float) values.get(d).asDouble();
                }
                ordered[index] = Vectors.normalise(vector);
            }
            return List.of(ordered);
        } catch (IOException e) {
            throw new EmbeddingException("embedding endpoint unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while embedding", e);
        }
    }
}
