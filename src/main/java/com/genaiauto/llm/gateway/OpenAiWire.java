package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.model.ToolCall;
import com.genaiauto.llm.model.ToolDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The OpenAI chat-completions wire format: a request read into the router's {@link ChatRequest},
 * answers written back as a completion or as stream chunks. A model name may be a profile
 * ({@code cheap}, {@code balanced}, {@code quality}), {@code provider/model}, or {@code extractive}.
 */
final class OpenAiWire {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private OpenAiWire() {
    }

    static ObjectNode models(List<String> names) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : names) {
            data.add(model(name));
        }
        return list;
    }

    /** A model object: a "provider/model" deployment is owned by its provider, aliases by the service. */
    static ObjectNode model(String id) {
        int slash = id.indexOf('/');
        return JSON.createObjectNode().put("id", id).put("object", "model").put("created", 0)
                .put("owned_by", slash > 0 ? id.substring(0, slash) : "genai-auto");
    }

    /** The model the client asked for; OpenAI requires one. */
    static String model(JsonNode body) {
        String model = body.path("model").asText("").trim();
        if (model.isEmpty()) {
            throw OpenAiError.invalid("model", "missing_required_parameter", "You must provide a model parameter.");
        }
        return model;
    }

    static ChatRequest toRequest(JsonNode body, ApiKeyPrincipal key, String requestId) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            if (role.equals("developer")) {
                role = "system";
            }
            if (!ROLES.contains(role)) {
                throw invalid("messages", "role must be system, developer, user, assistant or tool");
            }
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : message.path("tool_calls")) {
                calls.add(new ToolCall(call.path("id").asText(), call.path("function").path("name").asText(),
                        call.path("function").path("arguments").asText("{}")));
            }
            messages.add(new ChatMessage(role, text(message.path("content")), calls,
                    message.path("tool_call_id").asText(null)));
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "must contain at least one message");
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            tools.add(new ToolDefinition(function.path("name").asText(), function.path("description").asText(""),
                    function.path("parameters").isMissingNode() ? null : function.path("parameters")));
        }
        String model = model(body);
        Profile profile = profileOf(model);
        Integer maxTokens = null;
        if (body.hasNonNull("max_completion_tokens")) {
            maxTokens = body.path("max_completion_tokens").asInt();
        } else if (body.hasNonNull("max_tokens")) {
            maxTokens = body.path("max_tokens").asInt();
        }
        Double temperature = body.hasNonNull("temperature") ? body.path("temperature").asDouble() : null;
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw invalid("temperature", "must be between 0 and 2");
        }
        return ChatRequest.builder()
                .messages(messages)
                .profile(profile == null ? Profile.BALANCED : profile)
                .model(profile == null ? model : null)
                .temperature(temperature)
                .maxTokens(maxTokens)
                .tools(tools)
                // API clients asked for a model: an extractive stand-in only when they pin it.
                .allowDegraded(false)
                .attribution(new ChatRequest.Attribution(requestId, null, key.ownerUserId(), key.keyId()))
                .build();
    }

    static ObjectNode completion(ChatResponse response, String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-" + (response.id() == null ? UUID.randomUUID() : response.id()));
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (response.content() == null) {
            message.putNull("content");
        } else {
            message.put("content", response.content());
        }
        if (!response.toolCalls().isEmpty()) {
            message.set("tool_calls", toolCalls(response.toolCalls(), false));
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(response));
        body.set("usage", usage(response));
        body.put("system_fingerprint", response.provider() + (response.degraded() ? "-degraded" : ""));
        return body;
    }

    /** The chunks of one streamed completion. */
    static final class Chunks {
        private final String id = "chatcmpl-" + UUID.randomUUID();
        private final long created = Instant.now().getEpochSecond();
        private final String model;
        private boolean started;

        Chunks(String model) {
            this.model = model;
        }

        ObjectNode delta(String text) {
            ObjectNode delta = JSON.createObjectNode();
            if (!started) {
                delta.put("role", "assistant");
                started = true;
            }
            delta.put("content", text);
            return chunk(delta, null);
        }

        ObjectNode finish(ChatResponse response) {
            ObjectNode delta = JSON.createObjectNode();
            if (!response.toolCalls().isEmpty()) {
                delta.set("tool_calls", toolCalls(response.toolCalls(), true));
            }
            return chunk(delta, finishReason(response));
        }

        ObjectNode usage(ChatResponse response) {
            ObjectNode usage = chunk(null, null);
            usage.set("usage", OpenAiWire.usage(response));
            return usage;
        }

        private ObjectNode chunk(ObjectNode delta, String finish) {
            ObjectNode chunk = JSON.createObjectNode();
            chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
            ArrayNode choices = chunk.putArray("choices");
            if (delta != null) {
                ObjectNode choice = choices.addObject().put("index", 0);
                choice.set("delta", delta);
                if (finish == null) {
                    choice.putNull("finish_reason");
                } else {
                    choice.put("finish_reason", finish);
                }
            }
            return chunk;
        }
    }

    /** The event that ends a failed stream: explicit, so a cut answer never looks complete. */
    static ObjectNode streamError(boolean afterOutput, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode detail = event.putObject("error");
        detail.put("message", afterOutput ? "The answer was cut off: the model provider stopped responding."
                : "No language model is available right now.");
        detail.put("type", afterOutput ? "stream_interrupted" : "llm_unavailable");
        detail.put("code", afterOutput ? "stream_interrupted" : "llm_unavailable");
        detail.put("requestId", requestId);
        return event;
    }

    private static ArrayNode toolCalls(List<ToolCall> calls, boolean indexed) {
        ArrayNode array = JSON.createArrayNode();
        int index = 0;
        for (ToolCall call : calls) {
            ObjectNode node = array.addObject();
            if (indexed) {
                node.put("index", index++);
            }
            node.put("id", call.id()).put("type", "function");
            node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        return array;
    }

    private static ObjectNode usage(ChatResponse response) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", response.usage().promptTokens());
        usage.put("completion_tokens", response.usage().completionTokens());
        usage.put("total_tokens", response.usage().totalTokens());
        return usage;
    }

    private static String finishReason(ChatResponse response) {
        if (!response.toolCalls().isEmpty()) {
            return "tool_calls";
        }
        String reason = response.finishReason();
        if (reason == null || reason.equals("end_turn") || reason.equals("stop_sequence")) {
            return "stop";
        }
        return reason.equals("max_tokens") ? "length" : reason;
    }

    private static Profile profileOf(String model) {
        String name = model.toLowerCase(Locale.ROOT).replace("genai-auto/", "");
        try {
            return Profile.parse(name);
        } catch (IllegalArgumentException notAProfile) {
            return null;
        }
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    static OpenAiError invalid(String field, String message) {
        return OpenAiError.invalid(field, "Invalid '" + field + "': " + message + ".");
    }
}
