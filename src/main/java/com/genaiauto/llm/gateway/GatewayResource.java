package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.Profile;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.model.ToolCall;
import com.genaiauto.llm.model.ToolDefinition;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.web.RequestIds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenAI-compatible face of the router: {@code POST /v1/chat/completions} (also streamed) and
 * {@code GET /v1/models}, so that any OpenAI SDK can use it with an API key. A model name may be
 * a profile ({@code cheap}, {@code balanced}, {@code quality}), {@code provider/model}, or
 * {@code extractive}.
 */
@Path("/v1")
@ApiKeyAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmRouter router;

    public GatewayResource(LlmRouter router) {
        this.router = router;
    }

    @GET
    @Path("/models")
    public Map<String, Object> models() {
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : router.selector().modelNames()) {
            data.add(Map.of("id", name, "object", "model", "created", 0, "owned_by", "genai-auto"));
        }
        return Map.of("object", "list", "data", data);
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response complete(JsonNode body, @Context ContainerRequestContext context) {
        if (body == null || !body.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        ApiKeyPrincipal key = (ApiKeyPrincipal) context.getProperty(ApiKeyFilter.PRINCIPAL);
        ChatRequest request = toRequest(body, key);
        String model = body.path("model").asText("balanced");
        if (body.path("stream").asBoolean(false)) {
            boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            String requestId = RequestIds.current();
            StreamingOutput stream = output -> streamTo(output, request, model, includeUsage, requestId);
            return Response.ok(stream, "text/event-stream")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
        }
        ChatResponse response = router.complete(request);
        return Response.ok(completion(response, model)).build();
    }

    private void streamTo(OutputStream output, ChatRequest request, String model, boolean includeUsage,
                          String requestId) {
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        router.stream(request, new StreamListener() {
            private boolean started;

            @Override
            public void delta(String text) {
                ObjectNode delta = JSON.createObjectNode();
                if (!started) {
                    delta.put("role", "assistant");
                    started = true;
                }
                delta.put("content", text);
                send(output, chunk(id, created, model, delta, null));
            }

            @Override
            public void completed(ChatResponse response) {
                ObjectNode delta = JSON.createObjectNode();
                if (!response.toolCalls().isEmpty()) {
                    delta.set("tool_calls", toolCalls(response.toolCalls(), true));
                }
                send(output, chunk(id, created, model, delta, finishReason(response)));
                if (includeUsage) {
                    ObjectNode usage = chunk(id, created, model, null, null);
                    usage.set("usage", usage(response));
                    send(output, usage);
                }
                write(output, "data: [DONE]\n\n");
            }

            @Override
            public void failed(LlmException error, boolean afterOutput) {
                // An explicit error event and no [DONE]: a cut answer must not look complete.
                ObjectNode event = JSON.createObjectNode();
                ObjectNode detail = event.putObject("error");
                detail.put("message", afterOutput ? "The answer was cut off: the model provider stopped responding."
                        : "No language model is available right now.");
                detail.put("type", afterOutput ? "stream_interrupted" : "llm_unavailable");
                detail.put("code", afterOutput ? "stream_interrupted" : "llm_unavailable");
                detail.put("requestId", requestId);
                send(output, event);
            }
        });
    }

    private static void send(OutputStream output, ObjectNode event) {
        write(output, "data: " + event + "\n\n");
    }

    private static void write(OutputStream output, String text) {
        try {
            output.write(text.getBytes(StandardCharsets.UTF_8));
            output.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }

    private static ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finish) {
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

    private static ObjectNode completion(ChatResponse response, String model) {
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

    private static ChatRequest toRequest(JsonNode body, ApiKeyPrincipal key) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            if (role.equals("developer")) {
                role = "system";
            }
            if (!List.of("system", "user", "assistant", "tool").contains(role)) {
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
        String model = body.path("model").asText("balanced").trim();
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
                .attribution(new ChatRequest.Attribution(RequestIds.current(), null, key.ownerUserId(), key.keyId()))
                .build();
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

    private static UnprocessableException invalid(String field, String message) {
        return new UnprocessableException("The request is not valid: " + field + " " + message + ".",
                Map.of("fields", List.of(Map.of("field", field, "message", message))));
    }
}
