package com.genaiauto.platform.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;

/**
 * HTTP limits of every route. MAX_REQUEST_BODY_SIZE: the largest body any route takes unless it raises its own limit (document
 * uploads, the gateway). The JSON routes need a few kilobytes; the ceiling bounds what hostile
 * clients can make the server hold at once (a thread per request, each body parsed into memory).
 */
public class HttpConfig {

    @MinDataSize(4096)
    @MaxDataSize(16 * 1024 * 1024)
    @JsonProperty
    private DataSize maxRequestBodySize = DataSize.kibibytes(256);

    @jakarta.validation.Valid @jakarta.validation.constraints.NotNull
    @JsonProperty
    private UserRateLimits userRateLimits = new UserRateLimits();

    /** SHUTDOWN_DRAIN: how long a stopping replica answers readiness 503 while still serving. */
    @jakarta.validation.constraints.NotNull
    @io.dropwizard.validation.MaxDuration(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    @JsonProperty
    private io.dropwizard.util.Duration shutdownDrain = io.dropwizard.util.Duration.seconds(5);

    public java.time.Duration shutdownDrain() {
        return shutdownDrain.toJavaDuration();
    }

    public long maxRequestBodyBytes() {
        return maxRequestBodySize.toBytes();
    }

    public UserRateLimits userRateLimits() {
        return userRateLimits;
    }

    /**
     * Requests per minute of one signed-in user (USER_RATE_PER_MINUTE for each route, CHAT_RATE_PER_USER
     * for chat): a rule's routes ({@code "POST /api/v1/chat"}, route templates as matched; {@code WS
     * /ws/{sessionId}} for messages over a chat socket) share one bucket per user; every other route
     * has a bucket of its own at {@code perMinute}.
     */
    public static class UserRateLimits {
        @jakarta.validation.constraints.Min(1)
        @JsonProperty
        private int perMinute = 300;

        @jakarta.validation.Valid @jakarta.validation.constraints.NotNull
        @JsonProperty
        private java.util.List<Rule> rules = new java.util.ArrayList<>();

        public int perMinute() {
            return perMinute;
        }

        public java.util.List<Rule> rules() {
            return rules;
        }
    }

    /** Routes that share one per-user bucket. */
    public static class Rule {
        @jakarta.validation.constraints.NotEmpty
        @JsonProperty
        private java.util.List<String> routes = new java.util.ArrayList<>();

        @jakarta.validation.constraints.Min(1)
        @JsonProperty
        private int perMinute = 100;

        public java.util.List<String> routes() {
            return routes;
        }

        public int perMinute() {
            return perMinute;
        }
    }
}
