package com.genaiauto.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.errors.ErrorResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors produced by Jetty inside the servlet context, outside JAX-RS (servlet errors), answered
 * in the API's error shape instead of Jetty's HTML page. {@link ServerErrorHandler} does the same
 * for protocol errors raised before a request reaches any context.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/json";

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        return writeJson(request, response, callback, code);
    }

    /** Jetty writes no body for PUT, PATCH or DELETE by default; clients still need the shape. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    static boolean writeJson(Request request, Response response, Callback callback, int code) {
        String requestId = response.getHeaders().get(RequestIds.HEADER);
        if (requestId == null) {
            requestId = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
            response.getHeaders().put(RequestIds.HEADER, requestId);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, requestId)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return badMessage(status, fields);
    }

    static ByteBuffer badMessage(int status, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, CONTENT_TYPE));
        String requestId = RequestIds.acceptOrGenerate(null);
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(body(status, requestId));
    }

    /** The Jetty server's handler for errors that never reach the servlet context. */
    public static final class ServerErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {

        public ServerErrorHandler() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) {
            return writeJson(request, response, callback, code);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            return badMessage(status, fields);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }
    }

    static byte[] body(int status, String requestId) {
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        String reason = HttpStatus.getMessage(status);
        String message = status >= 500 ? "An unexpected error occurred." : (reason == null ? "Request failed." : reason + ".");
        try {
            return JSON.writeValueAsBytes(ErrorResponse.of(code, message, null, requestId));
        } catch (JsonProcessingException e) {
            return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"Request failed.\",\"details\":null,\"requestId\":\""
                    + requestId + "\"}}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
