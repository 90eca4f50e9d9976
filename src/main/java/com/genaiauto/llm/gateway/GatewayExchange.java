package com.genaiauto.llm.gateway;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.metrics.HttpMetricsFilter;
import com.genaiauto.platform.web.RequestIdFilter;
import com.genaiauto.platform.web.ResponseTimeFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One gateway request and its response. The response head is stamped ({@code X-Response-Time})
 * and counted in the {@code http.requests} metrics just before the body goes out, as Jersey's
 * filters do for resources.
 */
final class GatewayExchange {

    final HttpServletRequest request;
    private final HttpServletResponse response;
    private final MetricRegistry metrics;
    private final String route;
    private boolean recorded;

    GatewayExchange(HttpServletRequest request, HttpServletResponse response, MetricRegistry metrics, String route) {
        this.request = request;
        this.response = response;
        this.metrics = metrics;
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

    boolean committed() {
        return response.isCommitted();
    }

    void error(ApiException error) throws IOException {
        if (!response.isCommitted()) {
            recordOnce(error.status() == 422 ? 400 : error.status());
            OpenAiErrors.write(response, error);
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

    void recordOnce() {
        recordOnce(response.getStatus());
    }
}
