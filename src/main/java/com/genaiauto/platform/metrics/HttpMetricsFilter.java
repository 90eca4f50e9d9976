package com.genaiauto.platform.metrics;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.platform.web.RequestIdFilter;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Records every API response: {@code http.requests.<method>.<route>.<status class>} (a timer, to
 * the response head; for streamed answers that is the time to the first byte) and
 * {@code http.errors.<status>} for 4xx and 5xx. The route is the matched resource template, never
 * the concrete path, so ids do not become label values; requests no resource matched share
 * {@code unmatched}.
 */
@Provider
@Priority(2)
public final class HttpMetricsFilter implements ContainerResponseFilter {

    static final String UNMATCHED = "unmatched";
    private static final Map<String, String> ROUTES = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /**
     * The error statuses the service answers with, exported at zero from the start so that the
     * first 5xx counts in the error-rate alert (others still appear with their first response).
     */
    static final List<String> KNOWN_ERROR_STATUSES = List.of("400", "401", "403", "404", "405", "409", "413", "415",
            "422", "429", "500", "503");

    private final MetricRegistry registry;

    @Context
    private HttpServletRequest servletRequest;

    @Context
    private ExtendedUriInfo uriInfo;

    public HttpMetricsFilter(MetricRegistry registry) {
        this.registry = registry;
        KnownSeries.counters(registry, "http.errors", KNOWN_ERROR_STATUSES.toArray(String[]::new));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = servletRequest == null ? null : servletRequest.getAttribute(RequestIdFilter.START_NANOS_ATTRIBUTE);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        record(registry, request.getMethod(), route(uriInfo), response.getStatus(), startNanos);
    }

    /** Records one response; also used by the endpoints served outside Jersey, with their fixed route. */
    public static void record(MetricRegistry registry, String method, String route, int status, long startNanos) {
        String knownMethod = METHODS.contains(method) ? method : "OTHER";
        registry.timer(PrometheusNames.dropwizardName("http.requests", knownMethod, route, (status / 100) + "xx"))
                .update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        if (status >= 400) {
            registry.counter(PrometheusNames.dropwizardName("http.errors", Integer.toString(status))).inc();
        }
    }

    /** {@code /api/v1/vehicles/{id}} becomes {@code api_v1_vehicles_id}: safe in Graphite paths too. */
    static String route(ExtendedUriInfo uriInfo) {
        List<UriTemplate> templates = uriInfo == null ? List.of() : uriInfo.getMatchedTemplates();
        if (templates == null || templates.isEmpty()) {
            return UNMATCHED;
        }
        StringBuilder path = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            path.append('/').append(templates.get(i).getTemplate());
        }
        // Templates are few and fixed; the regular expressions below run once per template.
        return ROUTES.computeIfAbsent(path.toString(), HttpMetricsFilter::routeOf);
    }

    private static String routeOf(String path) {
        String route = path.toString().replaceAll("\\{\\s*([A-Za-z0-9_-]+)[^}]*}", "$1").replaceAll("/+", "/").replaceAll("^/|/$", "");
        return route.isEmpty() ? "root" : route.replace('/', '_');
    }
}
