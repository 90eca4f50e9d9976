package com.genaiauto.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Settings of the auth module (JWT_SECRET_KEY, JWT_ACCESS_EXPIRE_MINUTES, JWT_REFRESH_EXPIRE_DAYS). */
public class AuthConfig {

    @NotBlank
    @JsonProperty
    private String jwtSecretKey = JwtSecretPolicy.DEVELOPMENT_DEFAULT_SECRET;

    @Min(1) @Max(24 * 60)
    @JsonProperty
    private int accessTokenExpireMinutes = 30;

    @Min(1) @Max(365)
    @JsonProperty
    private int refreshTokenExpireDays = 7;

    public String jwtSecretKey() {
        return jwtSecretKey;
    }

    public int accessTokenExpireMinutes() {
        return accessTokenExpireMinutes;
    }

    public int refreshTokenExpireDays() {
        return refreshTokenExpireDays;
    }

    public AuthConfig withJwtSecretKey(String secret) {
        this.jwtSecretKey = secret;
        return this;
    }
}
