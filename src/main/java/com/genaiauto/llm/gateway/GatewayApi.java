package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;

/**
 * The routes of {@link GatewayServlet} and their wire formats (OpenAI's), for the OpenAPI document
 * only: the servlet serves them, Jersey never sees this type. Kept beside the servlet so that a
 * change to one shows in the other; the completeness test compares these routes with
 * {@link GatewayServlet#ENDPOINTS} and checks real answers against these schemas.
 */
@Path("/v1")
@Tag(name = GatewayApi.TAG, description = "OpenAI's API for API-key clients: point an OpenAI SDK's base URL at"
        + " `/v1`. Model names: a profile (`cheap`, `balanced`, `quality`), `provider/model`, or `extractive`.")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "apiKeyHeader")
@ApiResponse(responseCode = "400", description = "Invalid request (`invalid_request_error`)", content = @Content(
        mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "No valid API key (`invalid_api_key`)", content = @Content(
        mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "The key may not use this model", content = @Content(
        mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "No such model (`model_not_found`) or URL", content = @Content(
        mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "429", description = "The key's rate limit or budget is spent; see `Retry-After`",
        headers = @Header(name = "Retry-After", schema = @Schema(types = "integer")),
        content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "No deployment of the model can answer now; see `Retry-After`",
        headers = @Header(name = "Retry-After", schema = @Schema(types = "integer")),
        content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
@ApiResponse(responseCode = "default", description = "Any other error (405, 413, 415, 500), in OpenAI's shape",
        content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = GatewayApi.ErrorBody.class)))
public interface GatewayApi {

    String TAG = "OpenAI-compatible gateway";
    String JSON = "application/json";

    @POST
    @Path("/chat/completions")
    @Consumes(JSON)
    @Produces({JSON, "text/event-stream"})
    @Operation(summary = "Create a chat completion", description = """
            OpenAI's chat completions, routed across the configured providers with fallback, caching and \
            the key's budget. With `"stream": true` the answer comes as Server-Sent Events: `data: <chunk>` \
            lines (`ChatCompletionChunk`), a usage chunk when `stream_options.include_usage` is set, then \
            `data: [DONE]`; a stream that fails midway ends with `data: {"error": ...}`.""")
    @ApiResponse(responseCode = "200", description = "The completion, or its stream", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = ChatCompletion.class)),
            @Content(mediaType = "text/event-stream", schema = @Schema(types = "string",
                    description = "`data: <ChatCompletionChunk>` events, then `data: [DONE]`"))})
    ChatCompletion createChatCompletion(ChatCompletionRequest request);

    @POST
    @Path("/embeddings")
    @Consumes(JSON)
    @Produces(JSON)
    @Operation(summary = "Create embeddings", description = "Vectors from the service's embedding model (the one"
            + " `GET /v1/models` lists besides the chat models), as floats or as base64 of little-endian float32.")
    @ApiResponse(responseCode = "200", description = "The vectors, in input order",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = EmbeddingList.class)))
    EmbeddingList createEmbeddings(EmbeddingRequest request);

    @GET
    @Path("/models")
    @Produces(JSON)
    @Operation(summary = "List the models that can answer now")
    @ApiResponse(responseCode = "200", description = "The models",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ModelList.class)))
    ModelList listModels();

    @GET
    @Path("/models/{id}")
    @Produces(JSON)
    @Operation(summary = "One model")
    @ApiResponse(responseCode = "200", description = "The model",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Model.class)))
    Model retrieveModel(@PathParam("id") @Schema(description = "A model id, which may contain a slash") String id);

    // ------------------------------------------------------------------ wire formats

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "What the gateway reads of OpenAI's request; other fields are accepted and ignored.")
    record ChatCompletionRequest(
            @NotBlank String model,
            @NotEmpty List<Message> messages,
            @Schema(minimum = "0", maximum = "2") Double temperature,
            Integer maxTokens,
            @Schema(description = "Preferred over max_tokens") Integer maxCompletionTokens,
            Boolean stream,
            StreamOptions streamOptions,
            List<Tool> tools) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Message(
            @NotNull @Schema(allowableValues = {"system", "developer", "user", "assistant", "tool"}) String role,
            @Schema(types = {"string", "array", "null"},
                    description = "Text, or content parts of which the `text` parts are read") Object content,
            List<ToolCall> toolCalls,
            String toolCallId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StreamOptions(Boolean includeUsage) {
    }

    record Tool(@Schema(allowableValues = "function") String type, @NotNull FunctionDefinition function) {
    }

    record FunctionDefinition(@NotBlank String name, String description,
                              @Schema(types = "object", description = "JSON Schema of the arguments") Object parameters) {
    }

    record ToolCall(@NotNull String id, @NotNull @Schema(allowableValues = "function") String type,
                    @NotNull FunctionCall function) {
    }

    record FunctionCall(@NotNull String name, @NotNull @Schema(description = "The arguments as a JSON string") String arguments) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatCompletion(@NotNull String id, @NotNull @Schema(allowableValues = "chat.completion") String object,
                          long created, @NotNull String model, @NotNull List<Choice> choices, @NotNull Usage usage,
                          @Schema(description = "The provider that answered") String systemFingerprint) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Choice(int index, @NotNull AssistantMessage message, Object logprobs,
                  @NotNull @Schema(allowableValues = {"stop", "length", "tool_calls", "content_filter"}) String finishReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AssistantMessage(@NotNull @Schema(allowableValues = "assistant") String role, String content,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Usage(int promptTokens, int completionTokens, int totalTokens) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "One `data:` event of a streamed completion")
    record ChatCompletionChunk(@NotNull String id,
                               @NotNull @Schema(allowableValues = "chat.completion.chunk") String object,
                               long created, @NotNull String model, @NotNull List<ChunkChoice> choices,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChunkChoice(int index, @NotNull Delta delta,
                       @Schema(allowableValues = {"stop", "length", "tool_calls", "content_filter"}) String finishReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(@Schema(allowableValues = "assistant") String role, String content, List<ToolCall> toolCalls) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EmbeddingRequest(
            @NotBlank String model,
            @NotNull @Schema(types = {"string", "array"}, description = "A string or an array of 1 to 2048 strings;"
                    + " token arrays are not supported") Object input,
            @Schema(allowableValues = {"float", "base64"}) String encodingFormat,
            @Schema(description = "Only the model's own dimension is accepted") Integer dimensions,
            String user) {
    }

    record EmbeddingList(@NotNull @Schema(allowableValues = "list") String object, @NotNull List<Embedding> data,
                         @NotNull String model, @NotNull EmbeddingUsage usage) {
    }

    record Embedding(@NotNull @Schema(allowableValues = "embedding") String object, int index,
                     @NotNull @Schema(types = {"array", "string"},
                             description = "Floats, or base64 of little-endian float32 when asked for") Object embedding) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EmbeddingUsage(int promptTokens, int totalTokens) {
    }

    record ModelList(@NotNull @Schema(allowableValues = "list") String object, @NotNull List<Model> data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Model(@NotNull String id, @NotNull @Schema(allowableValues = "model") String object, long created,
                 @NotNull @Schema(description = "The provider of a provider/model id, else genai-auto") String ownedBy) {
    }

    @Schema(description = "OpenAI's error body")
    record ErrorBody(@NotNull ErrorDetail error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ErrorDetail(@NotNull String message, @NotNull String type, String param, String code,
                       @Schema(description = "Also in the X-Request-Id header") String requestId) {
    }
}
