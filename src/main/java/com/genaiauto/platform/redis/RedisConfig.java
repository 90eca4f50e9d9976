package com.genaiauto.platform.redis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.TimeUnit;

/** REDIS_URL ({@code redis://[:password@]host:port/db}, or {@code rediss://} for TLS) and timeouts. */
public class RedisConfig {

    @NotBlank
    @JsonProperty
    private String url = "redis://127.0.0.1:6379/0";

    /** REDIS_PASSWORD: overrides a password in the URL, so it needs no URL encoding. */
    @JsonProperty
    private String password = "";

    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration commandTimeout = Duration.seconds(2);

    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(2);

    /** How long to wait before trying again to connect after Redis was unreachable. */
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration reconnectInterval = Duration.seconds(2);

    public String url() {
        return url;
    }

    public String password() {
        return password;
    }

    /** REDIS_PASSWORD, else the password in REDIS_URL; empty when Redis is used without one. */
    public String effectivePassword() {
        if (password != null && !password.isEmpty()) {
            return password;
        }
        char[] inUrl = io.lettuce.core.RedisURI.create(url).getPassword();
        return inUrl == null ? "" : new String(inUrl);
    }

    public RedisConfig withPassword(String value) {
        this.password = value;
        return this;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    public RedisConfig withUrl(String value) {
        this.url = value;
        return this;
    }
}
