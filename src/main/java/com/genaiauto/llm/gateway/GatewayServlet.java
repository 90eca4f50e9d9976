package com.genaiauto.llm.gateway;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.llm.governance.Admission;
import com.genaiauto.llm.governance.Governance;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.errors.PayloadTooLargeException;
import com.genaiauto.platform.errors.UnsupportedMediaException;
import com.genaiauto.platform.web.RequestIds;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible face of the router: {@code POST /v1/chat/completions} (also streamed),
 * {@code POST /v1/embeddings}, {@code GET /v1/models} and {@code GET /v1/models/{id}}, so that any
 * OpenAI SDK can use it with an API key, and sees OpenAI's statuses and error bodies.
 *
 * <p>A plain servlet rather than a Jersey resource: every model call of an API client passes
 * here, and Jersey's per-request work (resource matching, injection, entity providers, filters)
 * cost more than the rest of the gateway's own path (see docs/benchmarks.md). It keeps the
 * service's conventions by hand: request ids (the servlet filter still runs),
 * {@code X-Response-Time} and the {@code http.requests} metrics.
 */
public final class GatewayServlet extends HttpServlet {

    /** The endpoints served here, for the authorization matrix. */
    public static final List<String> ENDPOINTS = List.of("GET /v1/models", "GET /v1/models/{id}",
            "POST /v1/chat/completions", "POST /v1/embeddings");

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServlet.class);
    /** Long conversations with many messages; read only after the key is admitted. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final String COMPLETIONS = "/chat/completions";
    private static final String EMBEDDINGS = "/embeddings";
    private static final String MODELS = "/models";
    /** What a call without {@code max_tokens} reserves of a budget for its answer. */
    private static final int UNBOUNDED_ANSWER_TOKENS = 1024;
    /** Where a key goes when a budget set to downgrade is spent. */
    private static final String DOWNGRADE_ALIAS = "cheap";
    /** Passages handed to the extractive model, as many as the assistant quotes from. */
    private static final int PASSAGES = 5;

    private final transient LlmRouter router;
    private final transient GatewayAccess access;
    private final transient Governance governance;
    private final transient MetricRegistry metrics;
    private final transient Supplier<KnowledgeSource> knowledge;

    GatewayServlet(LlmRouter router, GatewayAccess access, Governance governance, MetricRegistry metrics,
                   Supplier<KnowledgeSource> knowledge) {
        this.router = router;
        this.access = access;
        this.governance = governance;
        this.metrics = metrics;
        this.knowledge = knowledge;
    }

    public static GatewayServlet create(LlmRouter router, ApiKeyService keys, Governance governance,
                                        MetricRegistry metrics, Supplier<KnowledgeSource> knowledge) {
        return new GatewayServlet(router, new GatewayAccess(keys, governance), governance, metrics, knowledge);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = GatewayPaths.below(request);
        GatewayExchange exchange = new GatewayExchange(request, response, metrics, route(path));
        try {
            if (path.equals(COMPLETIONS)) {
                requireMethod(request.getMethod(), "POST");
                complete(admit(request), exchange);
            } else if (path.equals(EMBEDDINGS)) {
                requireMethod(request.getMethod(), "POST");
                ApiKeyPrincipal key = admit(request);
                JsonNode body = readJson(request);
                governance.checkModel(key.keyId(), key.ownerUserId(), body.path("model").asText(""));
                exchange.json(EmbeddingsEndpoint.answer(body, knowledge.get()));
            } else if (path.equals(MODELS)) {
                requireMethod(request.getMethod(), "GET");
                admit(request);
                exchange.json(OpenAiWire.models(models()));
            } else if (path.startsWith(MODELS + "/") && path.length() > MODELS.length() + 1) {
                requireMethod(request.getMethod(), "GET");
                admit(request);
                String id = path.substring(MODELS.length() + 1);
                if (!models().contains(id)) {
                    throw OpenAiError.modelNotFound(id);
                }
                exchange.json(OpenAiWire.model(id));
            } else {
                throw OpenAiError.unknownUrl(request.getMethod(), request.getRequestURI());
            }
        } catch (ApiException error) {
            exchange.error(error);
        } catch (LlmException error) {
            exchange.error(failure(error));
        } catch (StreamRelay.ClientGone gone) {
            LOG.debug("Gateway client went away: {}", gone.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("Gateway request failed", unexpected);
            exchange.error(new Unexpected());
        } finally {
            exchange.recordOnce();
        }
    }

    private static String route(String path) {
        return switch (path) {
            case COMPLETIONS -> "v1_chat_completions";
            case EMBEDDINGS -> "v1_embeddings";
            case MODELS -> "v1_models";
            default -> path.startsWith(MODELS + "/") ? "v1_models_id" : "unmatched";
        };
    }

    /** The models that can answer now: chat models and aliases, and the embedding model. */
    private List<String> models() {
        List<String> names = new java.util.ArrayList<>(router.selector().availableModelNames());
        KnowledgeSource source = knowledge.get();
        if (source != null) {
            names.add(source.embeddingModel());
        }
        return names;
    }

    private ApiKeyPrincipal admit(HttpServletRequest request) {
        return access.admit(request.getHeader("X-API-Key"), request.getHeader("Authorization"));
    }

    private void complete(ApiKeyPrincipal key, GatewayExchange exchange) throws IOException {
        JsonNode body = readJson(exchange.request);
        String model = OpenAiWire.model(body);
        if (!router.selector().knows(model)) {
            throw OpenAiError.modelNotFound(model);
        }
        String requestId = RequestIds.current();
        ChatRequest parsed = OpenAiWire.toRequest(body, key, requestId);
        Admission admission = governance.admitCall(key.keyId(), key.ownerUserId(), model, promptTokens(parsed),
                parsed.maxTokens() == null ? UNBOUNDED_ANSWER_TOKENS : parsed.maxTokens(),
                router.selector()::priceOf, DOWNGRADE_ALIAS);
        ChatRequest chat = withPassages(admission.downgraded() ? parsed.withModel(admission.model()) : parsed,
                admission.model());
        ChatResponse answer = null;
        try {
            if (!body.path("stream").asBoolean(false)) {
                answer = router.complete(chat);
                exchange.json(OpenAiWire.completion(answer, admission.model()));
                return;
            }
            boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            StreamRelay relay = new StreamRelay(exchange, admission.model(), includeUsage, requestId);
            router.stream(chat, relay);
            answer = relay.answer();
            if (relay.failedBeforeStart() != null && !exchange.committed()) {
                throw relay.failedBeforeStart();
            }
        } finally {
            admission.settle(answer == null ? 0 : router.selector().costOf(answer));
            if (answer != null) {
                governance.countCompletion(key.keyId(), key.ownerUserId(), answer.usage().completionTokens());
            }
        }
    }

    /** A generous count of the prompt's tokens (three characters a token), so reservations cover the call. */
    private static long promptTokens(ChatRequest chat) {
        long chars = 0;
        for (var message : chat.messages()) {
            chars += message.textOrEmpty().length() + 16;
        }
        return chars / 3 + 1;
    }

    /**
     * The extractive model quotes the passages it is given; an API client sends none, so they come
     * from the knowledge base: a fresh install without any provider key still answers from the manuals.
     */
    private ChatRequest withPassages(ChatRequest chat, String model) {
        KnowledgeSource source = knowledge.get();
        boolean extractive = model.equalsIgnoreCase(ExtractiveProvider.NAME)
                || model.equalsIgnoreCase(ExtractiveProvider.MODEL);
        if (!extractive || source == null || !chat.context().isEmpty()) {
            return chat;
        }
        String question = "";
        for (var message : chat.messages()) {
            if (message.role().equals("user")) {
                question = message.textOrEmpty();
            }
        }
        return question.isBlank() ? chat : chat.withContext(source.passages(question, PASSAGES));
    }

    /** What a failed model call means to an API client, in OpenAI's terms. */
    private static ApiException failure(LlmException error) {
        if (error.kind() == LlmException.Kind.REQUEST) {
            return OpenAiError.upstreamRejected(error.httpStatus());
        }
        return OpenAiError.unavailable("No deployment of this model could answer right now. Try again shortly.", 5);
    }

    private static JsonNode readJson(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            throw new UnsupportedMediaException("This content type is not supported here.", List.of("application/json"));
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("The request body is too large.", MAX_BODY_BYTES);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("The request body is too large.", MAX_BODY_BYTES);
        }
        JsonNode body;
        try {
            body = OpenAiWire.JSON.readTree(bytes);
        } catch (JsonProcessingException malformed) {
            throw OpenAiError.invalid(null, "malformed_json", "We could not parse the JSON body of your request: "
                    + "it is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw OpenAiError.invalid(null, "The request body must be a JSON object.");
        }
        return body;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String bare = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        return bare.equals("application/json") || bare.endsWith("+json");
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new MethodNotAllowed(allowed);
        }
    }

    private static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final String allowed;

        MethodNotAllowed(String allowed) {
            super(405, "method_not_allowed", "This method is not allowed on this resource.", null);
            this.allowed = allowed;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Allow", allowed);
        }
    }

    private static final class Unexpected extends ApiException {
        private static final long serialVersionUID = 1L;

        Unexpected() {
            super(500, "internal_error", "An unexpected error occurred.", null);
        }
    }
}
