package com.genaiauto.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.errors.ErrorResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The one error shape, for the few endpoints served by plain servlets rather than Jersey. */
public final class ServletErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServletErrors() {
    }

    public static void write(HttpServletResponse response, ApiException error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = JSON.writeValueAsBytes(ErrorResponse.of(error.code(), error.getMessage(), error.details(),
                RequestIds.current()));
        response.reset();
        String requestId = RequestIds.current();
        if (requestId != null) {
            response.setHeader(RequestIds.HEADER, requestId);
        }
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
