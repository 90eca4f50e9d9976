package com.genaiauto.platform.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ExtendedResourceContext;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of every route of the application port. */
@Path("/openapi.json")
@Tag(name = ApiDocs.TAG)
public final class OpenApiResource {

    private final ApiDocs docs;

    OpenApiResource(ApiDocs docs) {
        this.docs = docs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This OpenAPI 3.1 document", description = "Every route of the application port,"
            + " generated from the code. Public, like the API's shape itself.")
    @ApiResponse(responseCode = "200", description = "The OpenAPI document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(types = "object", description = "An OpenAPI 3.1 document")))
    public Response document(@Context ExtendedResourceContext jersey) {
        return Response.ok(docs.json(jersey.getResourceModel()), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(CacheControl.valueOf("no-cache")).build();
    }
}
