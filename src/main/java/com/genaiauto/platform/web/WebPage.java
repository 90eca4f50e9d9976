package com.genaiauto.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * A browser page of the service: {@code GET <path>} answers the folder's {@code index.html},
 * {@code GET <path>/{file}} its other files (scripts, style sheets, images), all from the
 * classpath with {@link StaticFiles}' headers. A page is public (it holds no data; it signs in
 * through the auth API). A module adds one with a two-line subclass:
 *
 * <pre>{@code
 * @Path("/agent")
 * public final class AgentPageResource extends WebPage {
 *     public AgentPageResource() { super("agent"); }
 * }
 * }</pre>
 *
 * Shared files (the session module, the base style sheet, the icon) are under {@code /assets}.
 */
public abstract class WebPage extends StaticFolder {

    /** {@code folder} on the classpath must hold an {@code index.html}; start-up fails without it. */
    protected WebPage(String folder) {
        this(StaticFiles.in(folder).require("index.html"));
    }

    /** A page whose files come from more than one folder (its own and a WebJar's, say). */
    protected WebPage(StaticFiles files) {
        super(files);
    }

    @GET
    @Tag(name = PAGES)
    @Operation(summary = "The page")
    @ApiResponse(responseCode = "200", description = "The page's HTML",
            content = @Content(mediaType = "text/html", schema = @Schema(types = "string")))
    @ApiResponse(responseCode = "304", description = "The browser's copy (If-None-Match) is current")
    public Response page(@Context Request request) {
        return files().serve("index.html", request);
    }
}
