package com.genaiauto.platform.web;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Adds X-Response-Time (milliseconds until the response head is written) to every JAX-RS
 * response, including mapped errors. For streamed responses it is the time to the first byte.
 */
@Provider
@Priority(1)
public final class ResponseTimeFilter implements ContainerResponseFilter {

    public static final String HEADER = "X-Response-Time";

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = servletRequest == null ? null : servletRequest.getAttribute(RequestIdFilter.START_NANOS_ATTRIBUTE);
        if (start instanceof Long nanos) {
            response.getHeaders().putSingle(HEADER, format(nanos));
        }
    }

    static String format(long startNanos) {
        return String.format(Locale.ROOT, "%.1fms", (System.nanoTime() - startNanos) / 1_000_000.0);
    }
}
