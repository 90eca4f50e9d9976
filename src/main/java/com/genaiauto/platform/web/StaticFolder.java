package com.genaiauto.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** {@code GET <path>/{file}}: the files of a resource's {@link StaticFiles}, for pages and what they share. */
public abstract class StaticFolder {

    /** The tag of the pages and their files in the OpenAPI document. */
    public static final String PAGES = "Pages";

    private final StaticFiles files;

    protected StaticFolder(StaticFiles files) {
        this.files = files;
    }

    protected StaticFiles files() {
        return files;
    }

    @GET
    @Path("{file}")
    @Tag(name = PAGES)
    @Operation(summary = "A file of the page: a script, style sheet or image")
    @ApiResponse(responseCode = "200", description = "The file", content = {
            @Content(mediaType = "text/javascript", schema = @Schema(types = "string")),
            @Content(mediaType = "text/css", schema = @Schema(types = "string")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(types = "string")),
            @Content(mediaType = "image/png", schema = @Schema(types = "string", contentMediaType = "image/png"))})
    @ApiResponse(responseCode = "304", description = "The browser's copy (If-None-Match) is current")
    public Response file(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request);
    }
}
