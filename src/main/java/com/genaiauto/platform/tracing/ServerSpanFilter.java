package com.genaiauto.platform.tracing;

import com.genaiauto.platform.web.RequestIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The SERVER span of every API request, named {@code <method> <path>} until Jersey matches a
 * resource ({@link ServerSpanRoute} then names it by the route template; a 404 no route matched is
 * named by its method alone). It is current while the request is served, so everything the request
 * does (turn, retrieval, model calls, SQL) is in its trace; a caller's {@code traceparent} makes it
 * part of the caller's trace. Runs after {@code RequestIdFilter}, whose id it carries as
 * {@code genai.request_id}.
 */
public final class ServerSpanFilter implements Filter {

    /** The request attribute holding the server span, for {@link ServerSpanRoute}. */
    static final String SPAN_ATTRIBUTE = "genai.serverSpan";
    /** The request attribute holding the matched route template, set by {@link ServerSpanRoute}. */
    static final String ROUTE_ATTRIBUTE = "genai.route";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("genai.request_id");

    /** Probes and scrapes come every few seconds and would bury the traces that matter. */
    private static final Set<String> UNTRACED = Set.of("/health", "/health/live", "/health/ready", "/api/v1/metrics");

    private static final TextMapGetter<HttpServletRequest> HEADERS =
            (request, name) -> request == null ? null : request.getHeader(name);

    private final Tracer tracer;
    private final ContextPropagators propagators;

    public ServerSpanFilter(Tracer tracer, ContextPropagators propagators) {
        this.tracer = tracer;
        this.propagators = propagators;
    }

    @Override
    @SuppressWarnings("try") // the scope is held while the chain runs, never read
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        String path = httpRequest.getRequestURI();
        if (UNTRACED.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        Context parent = propagators.getTextMapPropagator().extract(Context.root(), httpRequest, HEADERS);
        Span span = tracer.spanBuilder(httpRequest.getMethod() + " " + path)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, httpRequest.getMethod())
                .setAttribute(PATH, path)
                .startSpan();
        if (httpRequest.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            span.setAttribute(REQUEST_ID, requestId);
        }
        httpRequest.setAttribute(SPAN_ATTRIBUTE, span);
        boolean async = false;
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(request, response);
            async = httpRequest.isAsyncStarted();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            Spans.failed(span, e, e.getClass().getSimpleName());
            span.setAttribute(STATUS, 500L);
            span.end();
            throw e;
        }
        if (async) {
            httpRequest.getAsyncContext().addListener(new EndOnCompletion(span, httpRequest, httpResponse));
        } else {
            finish(span, httpRequest, httpResponse);
        }
    }

    private static void finish(Span span, HttpServletRequest request, HttpServletResponse response) {
        int status = response.getStatus();
        span.setAttribute(STATUS, (long) status);
        if (status == 404 && request.getAttribute(ROUTE_ATTRIBUTE) == null) {
            // No route: the method alone, so that probing clients' made-up paths do not become span names.
            span.updateName(request.getMethod());
        }
        // A client's mistake (4xx) is not the server's error.
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** A request that went asynchronous ends when its response is complete, not when the filter returns. */
    private record EndOnCompletion(Span span, HttpServletRequest request, HttpServletResponse response)
            implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            finish(span, request, response);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            span.setStatus(StatusCode.ERROR, "timed out");
        }

        @Override
        public void onError(AsyncEvent event) {
            if (event.getThrowable() != null) {
                Spans.failed(span, event.getThrowable(), event.getThrowable().getClass().getSimpleName());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
