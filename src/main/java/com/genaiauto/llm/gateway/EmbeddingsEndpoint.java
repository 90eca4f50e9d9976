package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings} as OpenAI defines it, served by the service's own embedder (the
 * in-process model, or the remote one the knowledge base is configured with): one string or an
 * array of them, vectors as floats or as base64 of little-endian float32 (what the SDKs ask for
 * by default), in batches so one large request does not hold the embedder for long.
 */
final class EmbeddingsEndpoint {

    /** OpenAI's own limits on one request. */
    static final int MAX_INPUTS = 2048;
    static final int MAX_INPUT_CHARS = 32_768;
    private static final int BATCH = 32;

    private EmbeddingsEndpoint() {
    }

    static ObjectNode answer(JsonNode body, KnowledgeSource source) {
        String model = body.path("model").asText("");
        if (model.isBlank()) {
            throw OpenAiError.invalid("model", "missing_required_parameter", "You must provide a model parameter.");
        }
        if (source == null || !model.equals(source.embeddingModel())) {
            throw OpenAiError.modelNotFound(model);
        }
        List<String> inputs = inputs(body.path("input"));
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw OpenAiError.invalid("encoding_format", "encoding_format must be 'float' or 'base64'.");
        }
        if (body.hasNonNull("dimensions") && body.path("dimensions").asInt() != source.embeddingDimension()) {
            throw OpenAiError.invalid("dimensions", "This model has " + source.embeddingDimension()
                    + " dimensions and cannot shorten its vectors.");
        }
        List<float[]> vectors = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += BATCH) {
            vectors.addAll(source.embed(inputs.subList(from, Math.min(inputs.size(), from + BATCH))));
        }
        ObjectNode list = OpenAiWire.JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        int tokens = 0;
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (format.equals("base64")) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vectors.get(i)) {
                    values.add(value);
                }
            }
            tokens += estimateTokens(inputs.get(i));
        }
        list.put("model", model);
        list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return list;
    }

    private static List<String> inputs(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw OpenAiError.invalid("input", "Only text inputs are supported: send strings, not token arrays.");
                }
                texts.add(item.asText());
            }
        } else {
            throw OpenAiError.invalid("input", "input must be a string or an array of strings.");
        }
        if (texts.isEmpty() || texts.size() > MAX_INPUTS) {
            throw OpenAiError.invalid("input", "input must hold between 1 and " + MAX_INPUTS + " strings.");
        }
        for (String text : texts) {
            if (text.isBlank()) {
                throw OpenAiError.invalid("input", "input must not contain empty strings.");
            }
            if (text.length() > MAX_INPUT_CHARS) {
                throw OpenAiError.invalid("input", "Each input must be at most " + MAX_INPUT_CHARS + " characters.");
            }
        }
        return texts;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Usage is an estimate (about four characters a token), as the in-process model counts no tokens. */
    private static int estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
