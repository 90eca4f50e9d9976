package com.genaiauto.conversations.resource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The web chat page: {@code GET /chat} and its two assets, read from the classpath once at
 * start-up. Public (the page holds no data; it signs in through the auth API and keeps the token
 * in memory). Every answer is revalidated ({@code no-cache}) so a new release reaches open tabs
 * on reload, and carries a strict Content-Security-Policy: the page runs only its own script,
 * its own style sheet, and talks only to this origin (HTTP and WebSocket: 'self' covers ws: and
 * wss: of the same host since CSP level 3; listing the schemes would allow any host).
 */
@Path("/chat")
public final class ChatPageResource {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    static final String HTML = "text/html; charset=utf-8";
    static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    static final String CSS = "text/css; charset=utf-8";

    private final byte[] page = load("chat/index.html");
    private final byte[] script = load("chat/chat.js");
    private final byte[] styles = load("chat/chat.css");

    public ChatPageResource() {
        // The assets are read by the field initialisers; a missing one fails start-up.
    }

    @ApiResponse(responseCode = "200", description = "The chat page",
            content = @Content(mediaType = "text/html", schema = @Schema(types = "string")))
    @GET
    public Response page() {
        return serve(page, HTML);
    }

    @ApiResponse(responseCode = "200", description = "The chat page's script",
            content = @Content(mediaType = "text/javascript", schema = @Schema(types = "string")))
    @GET
    @Path("/chat.js")
    public Response script() {
        return serve(script, JAVASCRIPT);
    }

    @ApiResponse(responseCode = "200", description = "The chat page's style sheet",
            content = @Content(mediaType = "text/css", schema = @Schema(types = "string")))
    @GET
    @Path("/chat.css")
    public Response styles() {
        return serve(styles, CSS);
    }

    private static Response serve(byte[] body, String contentType) {
        return Response.ok(body, contentType)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                // The page's address may carry a question (?q=): never pass it on to another site.
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static byte[] load(String name) {
        try (InputStream in = ChatPageResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("chat page asset missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat page asset " + name, e);
        }
    }
}
