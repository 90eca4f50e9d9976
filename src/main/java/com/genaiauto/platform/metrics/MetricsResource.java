package com.genaiauto.platform.metrics;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/metrics}: every metric of this replica in the Prometheus text format.
 * Unauthenticated on the application port, like the health endpoints; the reverse proxy lets
 * only private networks reach it.
 */
@Path("/api/v1/metrics")
public final class MetricsResource {

    private final PrometheusExport export;

    public MetricsResource(PrometheusExport export) {
        this.export = export;
    }

    @ApiResponse(responseCode = "200", description = "Every metric of this replica, Prometheus text format 0.0.4",
            content = @Content(mediaType = "text/plain", schema = @Schema(types = "string")))
    @GET
    @Produces({PrometheusExport.CONTENT_TYPE, "text/plain"})
    public Response scrape() {
        StreamingOutput body = output -> {
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
                export.write(writer);
            }
        };
        return Response.ok(body, PrometheusExport.CONTENT_TYPE).cacheControl(CacheControl.valueOf("no-store")).build();
    }
}
