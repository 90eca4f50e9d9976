package com.genaiauto.platform.web;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

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

    /** Milliseconds since {@code startNanos} to a tenth, e.g. {@code 12.3ms}; no String.format on every request. */
    public static String format(long startNanos) {
        long tenths = Math.max(0, (System.nanoTime() - startNanos + 50_000) / 100_000);
        return (tenths / 10) + "." + (tenths % 10) + "ms";
    }
}
