package com.genaiauto.llm.gateway;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.auth.model.ApiKeyPrincipal;
import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.resource.LlmErrors;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.errors.InvalidRequestException;
import com.genaiauto.platform.errors.PayloadTooLargeException;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnsupportedMediaException;
import com.genaiauto.platform.metrics.HttpMetricsFilter;
import com.genaiauto.platform.ratelimit.RateLimiter;
import com.genaiauto.platform.web.RequestIdFilter;
import com.genaiauto.platform.web.RequestIds;
import com.genaiauto.platform.web.ResponseTimeFilter;
import com.genaiauto.platform.web.ServletErrors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible face of the router, {@code POST /v1/chat/completions} (also streamed)
 * and {@code GET /v1/models}, so that any OpenAI SDK can use it with an API key.
 *
 * <p>A plain servlet rather than a Jersey resource: every model call of an API client passes
 * here, and Jersey's per-request work (resource matching, injection, entity providers, filters)
 * cost more than the rest of the gateway's own path (see docs/benchmarks.md). It keeps the
 * service's conventions by hand: the one error shape, request ids (the servlet filter still
 * runs), {@code X-Response-Time} and the {@code http.requests} metrics.
 */
public final class GatewayServlet extends HttpServlet {

    /** The endpoints served here, for the authorization matrix. */
    public static final List<String> ENDPOINTS = List.of("GET /v1/models", "POST /v1/chat/completions");

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServlet.class);
    /** Long conversations with many messages; read only after the key is admitted. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final String COMPLETIONS = "/chat/completions";
    private static final String MODELS = "/models";

    private final transient LlmRouter router;
    private final transient GatewayAccess access;
    private final transient MetricRegistry metrics;

    GatewayServlet(LlmRouter router, GatewayAccess access, MetricRegistry metrics) {
        this.router = router;
        this.access = access;
        this.metrics = metrics;
    }

    public static GatewayServlet create(LlmRouter router, ApiKeyService keys, RateLimiter limiter,
                                        int requestsPerMinute, MetricRegistry metrics) {
        return new GatewayServlet(router, new GatewayAccess(keys, limiter, requestsPerMinute), metrics);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Exchange exchange = new Exchange(request, response,
                path.equals(COMPLETIONS) ? "v1_chat_completions" : path.equals(MODELS) ? "v1_models" : "unmatched");
        try {
            if (path.equals(COMPLETIONS)) {
                requireMethod(request.getMethod(), "POST");
                complete(admit(request), exchange);
            } else if (path.equals(MODELS)) {
                requireMethod(request.getMethod(), "GET");
                admit(request);
                exchange.json(OpenAiWire.models(router.selector().modelNames()));
            } else {
                throw new ResourceNotFoundException("No such resource.");
            }
        } catch (ApiException error) {
            exchange.error(error);
        } catch (LlmException error) {
            exchange.error(LlmErrors.of(error));
        } catch (ClientGone gone) {
            LOG.debug("Gateway client went away: {}", gone.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("Gateway request failed", unexpected);
            exchange.error(new Unexpected());
        } finally {
            exchange.recordOnce(response.getStatus());
        }
    }

    private ApiKeyPrincipal admit(HttpServletRequest request) {
        return access.admit(request.getHeader("X-API-Key"), request.getHeader("Authorization"));
    }

    private void complete(ApiKeyPrincipal key, Exchange exchange) throws IOException {
        JsonNode body = readJson(exchange.request);
        String requestId = RequestIds.current();
        ChatRequest chat = OpenAiWire.toRequest(body, key, requestId);
        String model = OpenAiWire.model(body);
        if (!body.path("stream").asBoolean(false)) {
            exchange.json(OpenAiWire.completion(router.complete(chat), model));
            return;
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        OutputStream output = exchange.eventStream();
        OpenAiWire.Chunks chunks = new OpenAiWire.Chunks(model);
        router.stream(chat, new StreamListener() {
            @Override
            public void delta(String text) {
                send(output, chunks.delta(text));
            }

            @Override
            public void completed(ChatResponse answer) {
                send(output, chunks.finish(answer));
                if (includeUsage) {
                    send(output, chunks.usage(answer));
                }
                write(output, "data: [DONE]\n\n");
            }

            @Override
            public void failed(LlmException error, boolean afterOutput) {
                send(output, OpenAiWire.streamError(afterOutput, requestId));
            }
        });
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
            throw new MalformedJson();
        }
        if (body == null || !body.isObject()) {
            throw OpenAiWire.invalid("body", "must be a JSON object");
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

    /**
     * One request and its response. The response head is stamped ({@code X-Response-Time}) and
     * counted in the metrics just before the body goes out, as Jersey's filters do for resources.
     */
    private final class Exchange {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final String route;
        private boolean recorded;

        Exchange(HttpServletRequest request, HttpServletResponse response, String route) {
            this.request = request;
            this.response = response;
            this.route = route;
        }

        void json(ObjectNode body) throws IOException {
            byte[] bytes = OpenAiWire.JSON.writeValueAsBytes(body);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            head(200);
            response.getOutputStream().write(bytes);
        }

        OutputStream eventStream() throws IOException {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            head(200);
            return response.getOutputStream();
        }

        void error(ApiException error) throws IOException {
            if (!response.isCommitted()) {
                recordOnce(error.status());
                ServletErrors.write(response, error);
            }
        }

        private void head(int status) {
            if (request.getAttribute(RequestIdFilter.START_NANOS_ATTRIBUTE) instanceof Long start) {
                response.setHeader(ResponseTimeFilter.HEADER, ResponseTimeFilter.format(start));
            }
            recordOnce(status);
        }

        void recordOnce(int status) {
            if (!recorded && request.getAttribute(RequestIdFilter.START_NANOS_ATTRIBUTE) instanceof Long start) {
                recorded = true;
                HttpMetricsFilter.record(metrics, request.getMethod(), route, status, start);
            }
        }
    }

    private static void send(OutputStream output, ObjectNode event) {
        write(output, "data: " + event + "\n\n");
    }

    private static void write(OutputStream output, String text) {
        try {
            output.write(text.getBytes(StandardCharsets.UTF_8));
            output.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The client stopped reading a stream; the router bills what was generated until then. */
    private static final class ClientGone extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("client went away", cause);
        }
    }

    private static final class MalformedJson extends InvalidRequestException {
        private static final long serialVersionUID = 1L;

        MalformedJson() {
            super("malformed_json", "The request body is not valid JSON.", null);
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
