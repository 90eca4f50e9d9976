package com.genaiauto.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** {@code /favicon.ico}: browsers ask for it whatever the page links, and bookmarks keep it. */
@Path("/favicon.ico")
public final class FaviconResource {

    private final StaticFiles files = StaticFiles.in("assets").require("favicon.ico");

    @GET
    @Tag(name = StaticFolder.PAGES)
    @Operation(summary = "The service's icon")
    @ApiResponse(responseCode = "200", description = "The icon", content = @Content(mediaType = "image/x-icon",
            schema = @Schema(types = "string", contentMediaType = "image/x-icon")))
    @ApiResponse(responseCode = "304", description = "The browser's copy (If-None-Match) is current")
    public Response icon(@Context Request request) {
        return files.serve("favicon.ico", request);
    }
}
