package com.genaiauto.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.auth.service.JwtSecretPolicy;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Settings of the auth module: JWT_SECRET_KEY, JWT_ACCESS_EXPIRE_MINUTES, JWT_REFRESH_EXPIRE_DAYS,
 * the first administrator (ADMIN_EMAIL / ADMIN_PASSWORD), rate limits and lockout.
 */
public class AuthConfig {

    @NotBlank
    @JsonProperty
    private String jwtSecretKey = JwtSecretPolicy.DEVELOPMENT_DEFAULT_SECRET;

    @NotBlank
    @JsonProperty
    private String issuer = "genai-auto";

    @Min(1) @Max(24 * 60)
    @JsonProperty
    private int accessTokenExpireMinutes = 30;

    @Min(1) @Max(365)
    @JsonProperty
    private int refreshTokenExpireDays = 7;

    @JsonProperty
    private String bootstrapAdminEmail = "";

    @JsonProperty
    private String bootstrapAdminPassword = "";

    @Valid @NotNull
    @JsonProperty
    private PasswordHashing passwordHashing = new PasswordHashing();

    @Valid @NotNull
    @JsonProperty
    private RateLimits rateLimits = new RateLimits();

    @Valid @NotNull
    @JsonProperty
    private Lockout lockout = new Lockout();

    public String jwtSecretKey() {
        return jwtSecretKey;
    }

    public String issuer() {
        return issuer;
    }

    public int accessTokenExpireMinutes() {
        return accessTokenExpireMinutes;
    }

    public int refreshTokenExpireDays() {
        return refreshTokenExpireDays;
    }

    public String bootstrapAdminEmail() {
        return bootstrapAdminEmail;
    }

    public String bootstrapAdminPassword() {
        return bootstrapAdminPassword;
    }

    public PasswordHashing passwordHashing() {
        return passwordHashing;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public Lockout lockout() {
        return lockout;
    }

    /** Argon2id cost; the defaults follow OWASP's minimum (19 MiB, 2 passes, 1 lane). */
    public static class PasswordHashing {
        @Min(8192) @Max(1_048_576)
        @JsonProperty
        private int memoryKib = 19_456;

        @Min(1) @Max(10)
        @JsonProperty
        private int iterations = 2;

        @Min(1) @Max(8)
        @JsonProperty
        private int parallelism = 1;

        public int memoryKib() {
            return memoryKib;
        }

        public int iterations() {
            return iterations;
        }

        public int parallelism() {
            return parallelism;
        }
    }

    /** Requests per minute per client address and per account on the credential endpoints. */
    public static class RateLimits {
        @Min(1)
        @JsonProperty
        private int loginPerAddressPerMinute = 20;

        @Min(1)
        @JsonProperty
        private int loginPerAccountPerMinute = 10;

        @Min(1)
        @JsonProperty
        private int registerPerAddressPerHour = 20;

        @Min(1)
        @JsonProperty
        private int refreshPerAddressPerMinute = 60;

        public int loginPerAddressPerMinute() {
            return loginPerAddressPerMinute;
        }

        public int loginPerAccountPerMinute() {
            return loginPerAccountPerMinute;
        }

        public int registerPerAddressPerHour() {
            return registerPerAddressPerHour;
        }

        public int refreshPerAddressPerMinute() {
            return refreshPerAddressPerMinute;
        }
    }

    /** After this many consecutive failed logins the account is locked for the duration. */
    public static class Lockout {
        @Min(1) @Max(100)
        @JsonProperty
        private int maxFailedAttempts = 5;

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @JsonProperty
        private Duration duration = Duration.minutes(15);

        public int maxFailedAttempts() {
            return maxFailedAttempts;
        }

        public Duration duration() {
            return duration;
        }
    }
}
