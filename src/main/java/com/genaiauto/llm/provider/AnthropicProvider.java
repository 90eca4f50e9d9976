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

/** Anthropic's Messages API. {@code baseUrl} is the host, e.g. {@code https://api.anthropic.com}. */
public final class AnthropicProvider implements LlmProvider {

    private static final String API_VERSION = "2023-06-01";
    private static final int DEFAULT_MAX_TOKENS = 1024;

    private final String name;
    private final URI endpoint;
    private final String apiKey;
    private final HttpCalls http;

    public AnthropicProvider(LlmConfig.ProviderConfig config) {
        this.name = config.name();
        String base = HttpCalls.withoutTrailingSlash(config.baseUrl());
        this.endpoint = URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
        this.apiKey = config.apiKey();
        this.http = new HttpCalls(config.name());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public ChatResponse complete(ProviderCall call) {
        JsonNode body = http.sendJson(request(call, false), call.timeout());
        if (!"message".equals(body.path("type").asText()) || !body.path("content").isArray()) {
            throw new LlmException(Kind.MALFORMED, name + " answered something other than a message");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> toolCalls = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> toolCalls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                        block.path("input").toString()));
                default -> { }
            }
        }
        JsonNode usage = body.path("usage");
        Usage tokens = usage.has("input_tokens")
                ? new Usage(usage.path("input_tokens").asInt(), usage.path("output_tokens").asInt(), false)
                : new Usage(Prompts.estimatePromptTokens(call.request()), Prompts.estimateTokens(text.toString()), true);
        return new ChatResponse(body.path("id").asText(null), name, body.path("model").asText(call.model()),
                text.length() == 0 && !toolCalls.isEmpty() ? null : text.toString(), toolCalls,
                body.path("stop_reason").asText(null), tokens, false, false);
    }

    @Override
    public void stream(ProviderCall call, StreamListener listener) {
        StreamedMessage message = new StreamedMessage(call.model());
        if (http.readEvents(request(call, true), call, "message_stop", listener, message::onData)) {
            listener.completed(message.response(call));
        }
    }

    /** The pieces of a streamed message as its events arrive. */
    private final class StreamedMessage {
        private final StringBuilder text = new StringBuilder();
        private final Map<Integer, String[]> tools = new TreeMap<>();
        private int inputTokens = -1;
        private int outputTokens = -1;
        private String id;
        private String model;
        private String stopReason;

        StreamedMessage(String model) {
            this.model = model;
        }

        boolean onData(String data, java.util.function.Consumer<String> delta) throws IOException {
            JsonNode event = HttpCalls.JSON.readTree(data);
            switch (event.path("type").asText()) {
                case "message_start" -> {
                    JsonNode message = event.path("message");
                    id = message.path("id").asText(id);
                    model = message.path("model").asText(model);
                    if (message.path("usage").has("input_tokens")) {
                        inputTokens = message.path("usage").path("input_tokens").asInt();
                    }
                }
                case "content_block_start" -> {
                    JsonNode block = event.path("content_block");
                    if ("tool_use".equals(block.path("type").asText())) {
                        tools.put(event.path("index").asInt(), new String[] {block.path("id").asText(),
                                block.path("name").asText(), ""});
                    }
                }
                case "content_block_delta" -> {
                    JsonNode piece = event.path("delta");
                    if ("text_delta".equals(piece.path("type").asText())) {
                        String added = piece.path("text").asText();
                        if (!added.isEmpty()) {
                            text.append(added);
                            delta.accept(added);
                        }
                    } else if ("input_json_delta".equals(piece.path("type").asText())) {
                        String[] tool = tools.get(event.path("index").asInt());
                        if (tool != null) {
                            tool[2] = tool[2] + piece.path("partial_json").asText();
                        }
                    }
                }
                case "message_delta" -> {
                    stopReason = event.path("delta").path("stop_reason").asText(stopReason);
                    if (event.path("usage").has("output_tokens")) {
                        outputTokens = event.path("usage").path("output_tokens").asInt();
                    }
                }
                case "message_stop" -> {
                    return true;
                }
                case "error" -> throw new LlmException(Kind.SERVER_ERROR,
                        name + " sent an error event: " + event.path("error").path("type").asText());
                default -> { }
            }
            return false;
        }

        ChatResponse response(ProviderCall call) {
            boolean estimated = inputTokens < 0 || outputTokens < 0;
            Usage usage = new Usage(inputTokens < 0 ? Prompts.estimatePromptTokens(call.request()) : inputTokens,
                    outputTokens < 0 ? Prompts.estimateTokens(text.toString()) : outputTokens, estimated);
            List<ToolCall> toolCalls = tools.values().stream()
                    .map(t -> new ToolCall(t[0], t[1], t[2].isEmpty() ? "{}" : t[2])).toList();
            return new ChatResponse(id, name, model, text.length() == 0 && !toolCalls.isEmpty() ? null : text.toString(),
                    toolCalls, stopReason, usage, false, false);
        }
    }

    private HttpPost request(ProviderCall call, boolean stream) {
        ChatRequest request = call.request();
        ObjectNode body = HttpCalls.JSON.createObjectNode();
        body.put("model", call.model());
        body.put("max_tokens", request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
        String system = Prompts.systemText(request);
        if (system != null) {
            body.put("system", system);
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : Prompts.conversation(request)) {
            if (message.role().equals("tool")) {
                // Anthropic carries tool results as a user turn of tool_result blocks; results of
                // one assistant turn (parallel tool use) belong together in a single user message.
                ObjectNode last = messages.isEmpty() ? null : (ObjectNode) messages.get(messages.size() - 1);
                ArrayNode blocks;
                if (last != null && "user".equals(last.path("role").asText()) && last.path("content").isArray()
                        && "tool_result".equals(last.path("content").path(0).path("type").asText())) {
                    blocks = (ArrayNode) last.get("content");
                } else {
                    blocks = messages.addObject().put("role", "user").putArray("content");
                }
                blocks.addObject().put("type", "tool_result")
                        .put("tool_use_id", message.toolCallId()).put("content", message.textOrEmpty());
            } else if (!message.toolCalls().isEmpty()) {
                ObjectNode assistant = messages.addObject().put("role", "assistant");
                ArrayNode content = assistant.putArray("content");
                if (message.content() != null && !message.content().isEmpty()) {
                    content.addObject().put("type", "text").put("text", message.content());
                }
                for (ToolCall toolCall : message.toolCalls()) {
                    ObjectNode use = content.addObject().put("type", "tool_use").put("id", toolCall.id())
                            .put("name", toolCall.name());
                    try {
                        use.set("input", HttpCalls.JSON.readTree(toolCall.argumentsJson()));
                    } catch (IOException e) {
                        use.putObject("input");
                    }
                }
            } else {
                messages.addObject().put("role", message.role()).put("content", message.textOrEmpty());
            }
        }
        if (request.temperature() != null) {
            // Anthropic accepts 0 to 1 where OpenAI-style clients may send up to 2.
            body.put("temperature", Math.max(0.0, Math.min(1.0, request.temperature())));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode node = tools.addObject().put("name", tool.name()).put("description", tool.description());
                node.set("input_schema", tool.parameters() == null
                        ? HttpCalls.JSON.createObjectNode().put("type", "object") : tool.parameters());
            }
        }
        if (stream) {
            body.put("stream", true);
        }
        HttpPost post = HttpCalls.post(endpoint, body.toString(), stream);
        post.setHeader("anthropic-version", API_VERSION);
        if (apiKey != null && !apiKey.isBlank()) {
            post.setHeader("x-api-key", apiKey);
        }
        return post;
    }
}
