package com.genaiauto.llm.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.llm.governance.LimitExceeded;
import com.genaiauto.platform.errors.ApiException;
import com.genaiauto.platform.web.RequestIds;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Writes every gateway error in OpenAI's shape, {@code {"error":{"message","type","param","code"}}},
 * whichever layer raised it: the gateway's own {@link OpenAiError}s as they are, the platform's
 * errors (401, 403, 405, 413, 415, 429, 500) translated by status. The request id rides along in
 * the body and in {@code X-Request-Id}, which the SDKs expose as the request id.
 */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    static void write(HttpServletResponse response, ApiException error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        int status = error.status() == 422 ? 400 : error.status();
        ObjectNode body = OpenAiWire.JSON.createObjectNode();
        ObjectNode detail = body.putObject("error");
        detail.put("message", error.getMessage());
        detail.put("type", type(error, status));
        String param = error instanceof OpenAiError openAi ? openAi.param() : null;
        if (param == null) {
            detail.putNull("param");
        } else {
            detail.put("param", param);
        }
        detail.put("code", status == 401 ? "invalid_api_key" : error.code());
        String requestId = RequestIds.current();
        detail.put("request_id", requestId);
        byte[] bytes = OpenAiWire.JSON.writeValueAsBytes(body);
        response.reset();
        if (requestId != null) {
            response.setHeader(RequestIds.HEADER, requestId);
        }
        response.setStatus(status);
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String type(ApiException error, int status) {
        if (error instanceof OpenAiError openAi) {
            return openAi.type();
        }
        if (error instanceof LimitExceeded limit) {
            return limit.type();
        }
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : OpenAiError.INVALID_REQUEST;
    }
}
