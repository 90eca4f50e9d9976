package com.genaiauto.platform.web;

import com.genaiauto.platform.errors.AccessDeniedException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Guards the admin port's tasks against cross-site requests. The port listens on loopback, but a
 * page open in an operator's browser on that machine can still post a form to it; tasks take no
 * credentials, so the browser's own signals decide: a request that says it comes from another
 * origin ({@code Origin}, or {@code Sec-Fetch-Site} other than same-origin or none) is refused.
 * curl and scripts send neither header and pass.
 */
public final class SameOriginFilter implements Filter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!SAFE_METHODS.contains(http.getMethod().toUpperCase(Locale.ROOT)) && crossSite(http)) {
            ServletErrors.write((HttpServletResponse) response, new AccessDeniedException(
                    "Requests from another site are refused here; run tasks with curl or a script."));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        try {
            URI from = URI.create(origin.strip());
            return host == null || from.getRawAuthority() == null || !from.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException unparsable) {
            // "null" (a sandboxed frame, a file) or garbage: not this origin.
            return true;
        }
    }
}
