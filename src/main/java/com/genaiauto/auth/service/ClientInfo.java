package com.genaiauto.auth.service;

/** Where a request came from, for rate limits and the audit log. */
public record ClientInfo(String address, String userAgent) {

    public ClientInfo {
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
    }
}
