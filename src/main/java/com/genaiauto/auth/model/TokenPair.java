package com.genaiauto.auth.model;

/** What a login or refresh returns. The refresh token is shown to the client only here. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken,
                        long refreshExpiresIn, UserView user) {

    public static TokenPair bearer(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn,
                                   UserView user) {
        return new TokenPair(accessToken, "Bearer", expiresIn, refreshToken, refreshExpiresIn, user);
    }
}
