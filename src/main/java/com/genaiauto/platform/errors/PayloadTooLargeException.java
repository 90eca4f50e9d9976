package com.genaiauto.platform.errors;

import java.util.Map;

/** HTTP 413, code {@code payload_too_large}: the body exceeds what the endpoint accepts. */
public class PayloadTooLargeException extends ApiException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message, long limitBytes) {
        super(413, "payload_too_large", message, Map.of("limitBytes", limitBytes));
    }
}
