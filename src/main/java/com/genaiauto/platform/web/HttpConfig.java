package com.genaiauto.platform.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;

/**
 * MAX_REQUEST_BODY_SIZE: the largest body any route takes unless it raises its own limit (document
 * uploads, the gateway). The JSON routes need a few kilobytes; the ceiling bounds what hostile
 * clients can make the server hold at once (a thread per request, each body parsed into memory).
 */
public class HttpConfig {

    @MinDataSize(4096)
    @MaxDataSize(16 * 1024 * 1024)
    @JsonProperty
    private DataSize maxRequestBodySize = DataSize.kibibytes(256);

    public long maxRequestBodyBytes() {
        return maxRequestBodySize.toBytes();
    }
}
