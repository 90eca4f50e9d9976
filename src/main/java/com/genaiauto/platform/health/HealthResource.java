package com.genaiauto.platform.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Health on the application port, for load balancers, orchestrators and people:
 * {@code /health} (status of each dependency), {@code /health/live} (the process answers) and
 * {@code /health/ready} (503 when the service cannot serve or is shutting down, so traffic goes elsewhere).
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final ServiceProbes probes;
    private final String version;
    private final Draining draining;

    public HealthResource(ServiceProbes probes, String version, Draining draining) {
        this.probes = probes;
        this.version = version;
        this.draining = draining;
    }

    @GET
    public Response health() {
        ServiceReport report = probes.evaluate();
        return respond(report.canServe() ? 200 : 503, document(report));
    }

    @GET
    @Path("/live")
    public Response live() {
        return respond(200, Map.of("status", "alive", "version", version));
    }

    @GET
    @Path("/ready")
    public Response ready() {
        if (draining.draining()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "draining");
            body.put("version", version);
            body.put("ready", false);
            return respond(503, body);
        }
        ServiceReport report = probes.evaluate();
        Map<String, Object> body = document(report);
        body.put("ready", report.canServe());
        return respond(report.canServe() ? 200 : 503, body);
    }

    private Map<String, Object> document(ServiceReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().label());
        body.put("version", version);
        body.put("services", new TreeMap<>(report.services()));
        return body;
    }

    private static Response respond(int status, Object body) {
        return Response.status(status).cacheControl(NO_STORE).entity(body).build();
    }
}
