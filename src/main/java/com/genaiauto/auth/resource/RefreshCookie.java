package com.genaiauto.auth.resource;

import com.genaiauto.auth.model.TokenPair;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The refresh token of a browser page, kept where the page's scripts cannot read it: an
 * {@code HttpOnly}, {@code Secure}, {@code SameSite=Strict} cookie that the browser sends to the
 * auth endpoints only. A page asks for it with the header {@code X-Session: cookie} and must send
 * that header again to use it: another site's form cannot set a custom header, and its script
 * cannot without a CORS preflight this service never grants, so together with SameSite=Strict a
 * cross-site request can neither refresh nor end the session. API clients send no such header and
 * keep the token in the body, as before.
 */
final class RefreshCookie {

    static final String HEADER = "X-Session";
    static final String NAME = "refresh_token";
    private static final String PATH = "/api/v1/auth";

    private RefreshCookie() {
    }

    /** Whether the caller is a page that keeps its refresh token in the cookie. */
    static boolean wanted(String header) {
        return header != null && header.strip().equalsIgnoreCase("cookie");
    }

    /** The pair as the caller wants it: in the body, or with its refresh token moved to the cookie. */
    static Response.ResponseBuilder deliver(Response.ResponseBuilder response, TokenPair tokens, boolean cookie) {
        if (!cookie) {
            return response.entity(tokens);
        }
        return response.entity(tokens.withoutRefreshToken())
                .header(HttpHeaders.SET_COOKIE, value(tokens.refreshToken(), tokens.refreshExpiresIn()));
    }

    static Response.ResponseBuilder clear(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.SET_COOKIE, value("", 0));
    }

    // Written by hand: JAX-RS' NewCookie adds "Version=1" and may quote the value.
    private static String value(String token, long maxAgeSeconds) {
        return NAME + "=" + token + "; Max-Age=" + maxAgeSeconds + "; Path=" + PATH
                + "; Secure; HttpOnly; SameSite=Strict";
    }
}
