package com.genaiauto.platform.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
public abstract class WebPage {

    private final StaticFiles files;

    /** {@code folder} on the classpath must hold an {@code index.html}; start-up fails without it. */
    protected WebPage(String folder) {
        this.files = StaticFiles.in(folder).require("index.html");
    }

    @GET
    public Response page(@Context Request request) {
        return files.serve("index.html", request);
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request);
    }
}
