package com.genaiauto.platform.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    @Operation(summary = "Each dependency's state; 503 when the service cannot serve")
    @ApiResponse(responseCode = "200", description = "Healthy or degraded",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    @ApiResponse(responseCode = "503", description = "Unhealthy: a required dependency is down",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    public Response health() {
        ServiceReport report = probes.evaluate();
        return respond(report.canServe() ? 200 : 503, HealthReport.of(report, version, null));
    }

    @GET
    @Path("/live")
    @Operation(summary = "The process answers (liveness)")
    @ApiResponse(responseCode = "200", description = "Alive",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    public Response live() {
        return respond(200, new HealthReport("alive", version, null, null));
    }

    @GET
    @Path("/ready")
    @Operation(summary = "Whether to send traffic here (readiness); 503 when it cannot serve or is shutting down")
    @ApiResponse(responseCode = "200", description = "Ready",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    @ApiResponse(responseCode = "503", description = "Not ready, or draining before a shutdown",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    public Response ready() {
        if (draining.draining()) {
            return respond(503, new HealthReport("draining", version, null, false));
        }
        ServiceReport report = probes.evaluate();
        return respond(report.canServe() ? 200 : 503, HealthReport.of(report, version, report.canServe()));
    }

    private static Response respond(int status, Object body) {
        return Response.status(status).cacheControl(NO_STORE).entity(body).build();
    }
}
