package com.genaiauto.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.llm.LlmConfig;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.LlmException.Kind;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.model.ToolCall;
import com.genaiauto.llm.model.ToolDefinition;
import com.genaiauto.llm.model.Usage;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpPost;

/**
 * The OpenAI chat-completions wire format, spoken by OpenRouter, OpenAI, Groq, Ollama, vLLM and
 * Gemini's compatible endpoint. {@code baseUrl} ends before {@code /chat/completions}.
 */
public final class OpenAiCompatibleProvider implements LlmProvider {

    private final String name;
    private final URI endpoint;
    private final String apiKey;
    private final HttpCalls http;

    public OpenAiCompatibleProvider(LlmConfig.ProviderConfig config) {
        this.name = config.name();
        this.endpoint = URI.create(HttpCalls.withoutTrailingSlash(config.baseUrl()) + "/chat/completions");
        this.apiKey = config.apiKey();
        this.http = new HttpCalls(config.name());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public ChatResponse complete(ProviderCall call) {
        JsonNode body = http.sendJson(request(call, false), call.timeout());
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (choice.isMissingNode() || message.isMissingNode()) {
            throw new LlmException(Kind.MALFORMED, name + " answered without choices[0].message");
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode tool : message.path("tool_calls")) {
            toolCalls.add(new ToolCall(tool.path("id").asText(), tool.path("function").path("name").asText(),
                    tool.path("function").path("arguments").asText("{}")));
        }
        String content = message.path("content").isNull() ? null : message.path("content").asText(null);
        if (content == null && toolCalls.isEmpty()) {
            throw new LlmException(Kind.MALFORMED, name + " answered neither content nor tool calls");
        }
        Usage usage = usage(body.path("usage"), call.request(), content);
        return new ChatResponse(body.path("id").asText(null), name, body.path("model").asText(call.model()), content,
                toolCalls, choice.path("finish_reason").asText(null), usage, false, false);
    }

    @Override
    public void stream(ProviderCall call, StreamListener listener) {
        StreamedAnswer answer = new StreamedAnswer(call.model());
        if (http.readEvents(request(call, true), call, "[DONE]", listener, answer::onData)) {
            listener.completed(answer.response(call));
        }
    }

    /** The pieces of a streamed completion as its chunks arrive. */
    private final class StreamedAnswer {
        private final StringBuilder content = new StringBuilder();
        private final Map<Integer, String[]> toolParts = new TreeMap<>();
        private JsonNode usageNode;
        private String id;
        private String model;
        private String finish;

        StreamedAnswer(String model) {
            this.model = model;
        }

        boolean onData(String data, java.util.function.Consumer<String> delta) throws IOException {
            if (data.equals("[DONE]")) {
                return true;
            }
            JsonNode chunk = HttpCalls.JSON.readTree(data);
            if (chunk.has("error")) {
                throw new LlmException(Kind.SERVER_ERROR, name + " sent an error event in the stream");
            }
            id = chunk.path("id").asText(id);
            model = chunk.path("model").asText(model);
            if (chunk.hasNonNull("usage")) {
                usageNode = chunk.path("usage");
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode piece = choice.path("delta");
            String text = piece.path("content").isTextual() ? piece.path("content").asText() : null;
            if (text != null && !text.isEmpty()) {
                content.append(text);
                delta.accept(text);
            }
            for (JsonNode tool : piece.path("tool_calls")) {
                String[] parts = toolParts.computeIfAbsent(tool.path("index").asInt(), i -> new String[] {"", "", ""});
                parts[0] = tool.path("id").asText(parts[0]);
                parts[1] = tool.path("function").path("name").asText(parts[1]);
                parts[2] = parts[2] + tool.path("function").path("arguments").asText("");
            }
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.path("finish_reason").asText();
            }
            return false;
        }

        ChatResponse response(ProviderCall call) {
            List<ToolCall> toolCalls = toolParts.values().stream().map(p -> new ToolCall(p[0], p[1], p[2])).toList();
            String text = content.length() == 0 && !toolCalls.isEmpty() ? null : content.toString();
            return new ChatResponse(id, name, model, text, toolCalls, finish,
                    usage(usageNode, call.request(), content.toString()), false, false);
        }
    }

    private HttpPost request(ProviderCall call, boolean stream) {
        ChatRequest request = call.request();
        ObjectNode body = HttpCalls.JSON.createObjectNode();
        body.put("model", call.model());
        ArrayNode messages = body.putArray("messages");
        String system = Prompts.systemText(request);
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (ChatMessage message : Prompts.conversation(request)) {
            ObjectNode node = messages.addObject().put("role", message.role());
            if (message.content() != null || message.toolCalls().isEmpty()) {
                node.put("content", message.textOrEmpty());
            } else {
                node.putNull("content");
            }
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolCall toolCall : message.toolCalls()) {
                    ObjectNode callNode = calls.addObject().put("id", toolCall.id()).put("type", "function");
                    callNode.putObject("function").put("name", toolCall.name()).put("arguments", toolCall.argumentsJson());
                }
            }
            if (message.toolCallId() != null) {
                node.put("tool_call_id", message.toolCallId());
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", tool.parameters() == null ? HttpCalls.JSON.createObjectNode() : tool.parameters());
            }
        }
        if (stream) {
            body.put("stream", true);
            // Without this, streamed calls report no usage and could not be billed.
            body.putObject("stream_options").put("include_usage", true);
        }
        HttpPost post = HttpCalls.post(endpoint, body.toString(), stream);
        if (apiKey != null && !apiKey.isBlank()) {
            post.setHeader("Authorization", "Bearer " + apiKey);
        }
        return post;
    }

    private static Usage usage(JsonNode node, ChatRequest request, String content) {
        if (node != null && node.has("prompt_tokens")) {
            return new Usage(node.path("prompt_tokens").asInt(), node.path("completion_tokens").asInt(), false);
        }
        return new Usage(Prompts.estimatePromptTokens(request), Prompts.estimateTokens(content), true);
    }
}
