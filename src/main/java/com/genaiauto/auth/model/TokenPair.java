package com.genaiauto.auth.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a login or refresh returns. The refresh token is shown to the client only here, or, for a
 * browser page, only in its cookie (then it is absent from the body).
 */
public record TokenPair(String accessToken, String tokenType, long expiresIn,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
                        long refreshExpiresIn, UserView user) {

    public static TokenPair bearer(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn,
                                   UserView user) {
        return new TokenPair(accessToken, "Bearer", expiresIn, refreshToken, refreshExpiresIn, user);
    }

    /** The same pair for a body whose refresh token travels in a cookie instead. */
    public TokenPair withoutRefreshToken() {
        return new TokenPair(accessToken, tokenType, expiresIn, null, refreshExpiresIn, user);
    }
}
