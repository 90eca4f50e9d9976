package com.genaiauto.auth.service;

/** Where a request came from, for rate limits and the audit log. */
public record ClientInfo(String address, String userAgent) {

    public ClientInfo {
        // Jetty reports IPv6 peers in URI form ("[::1]"); PostgreSQL's inet wants the bare address.
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
    }
}
