package com.genaiauto.llm.gateway;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.util.URIUtil;

/**
 * Model ids such as {@code openai/gpt-4o-mini} in {@code GET /v1/models/{id}}: OpenAI SDKs send
 * their slash percent-encoded, which Jetty refuses by default as an ambiguous path. The
 * application connectors let that one ambiguity through; the servlet API still refuses to decode
 * it ({@code getServletPath} and {@code getPathInfo} fail with 400), so every other route keeps
 * rejecting it, and only the gateway, which reads the raw URI here, accepts it.
 */
public final class GatewayPaths {

    private static final String PREFIX = "/v1";
    private static final String MODEL_IDS = "/models/";

    private GatewayPaths() {
    }

    /** Lets an encoded slash reach the servlets, on top of whatever compliance is configured. */
    public static void allowEncodedSlashes(ServerFactory server) {
        List<ConnectorFactory> connectors = server instanceof DefaultServerFactory standard
                ? standard.getApplicationConnectors()
                : server instanceof SimpleServerFactory simple ? List.of(simple.getConnector()) : List.of();
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http) {
                UriCompliance configured = http.getUriCompliance();
                http.setUriCompliance(configured.with(configured.getName() + "+ENCODED_SLASH",
                        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
            }
        }
    }

    /**
     * The decoded path below {@code /v1}. An encoded slash is decoded only in a model id: anywhere
     * else the raw path comes back, which routes nowhere, so it cannot stand for a separator.
     */
    static String below(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX + "/")) {
            return "";
        }
        String rest = path.substring(PREFIX.length());
        if (rest.toLowerCase(Locale.ROOT).contains("%2f") && !rest.startsWith(MODEL_IDS)) {
            return rest;
        }
        try {
            return URIUtil.decodePath(rest);
        } catch (IllegalArgumentException malformed) {
            // Routes nowhere: the client hears that the URL is unknown.
            return path;
        }
    }
}
