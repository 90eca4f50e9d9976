package com.genaiauto.platform.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;

/**
 * Gives every request an id (the client's {@code X-Request-Id} or a new one), echoes it on the
 * response and puts it in the logging context, and records the start time for X-Response-Time.
 */
public final class RequestIdFilter implements Filter {

    public static final String START_NANOS_ATTRIBUTE = "genai.startNanos";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        long start = System.nanoTime();
        Object existing = httpRequest.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = existing instanceof String id ? id
                : RequestIds.acceptOrGenerate(httpRequest.getHeader(RequestIds.HEADER));
        httpRequest.setAttribute(RequestIds.ATTRIBUTE, requestId);
        httpRequest.setAttribute(START_NANOS_ATTRIBUTE, start);
        httpResponse.setHeader(RequestIds.HEADER, requestId);
        // An error or forward dispatch runs this filter again inside the first: restore, not clear.
        String outer = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (!httpResponse.isCommitted() && !httpResponse.containsHeader(ResponseTimeFilter.HEADER)) {
                httpResponse.setHeader(ResponseTimeFilter.HEADER, ResponseTimeFilter.format(start));
            }
            if (outer == null) {
                MDC.remove(RequestIds.MDC_KEY);
                MDC.remove(LogContextFilter.ROUTE);
                MDC.remove(LogContextFilter.USER_ID);
            } else {
                MDC.put(RequestIds.MDC_KEY, outer);
            }
        }
    }
}
