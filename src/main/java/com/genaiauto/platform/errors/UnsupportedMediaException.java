package com.genaiauto.platform.errors;

import java.util.List;
import java.util.Map;

/** HTTP 415, code {@code unsupported_media_type}, naming the types the endpoint does accept. */
public class UnsupportedMediaException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnsupportedMediaException(String message, List<String> supported) {
        super(415, "unsupported_media_type", message, Map.of("supported", supported));
    }
}
