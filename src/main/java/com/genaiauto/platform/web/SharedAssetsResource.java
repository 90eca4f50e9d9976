package com.genaiauto.platform.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Files every page shares: {@code /assets/session.js} (sign-in, the in-memory access token and
 * the API client), {@code /assets/page.css} (the base style sheet), {@code /assets/markdown.js}
 * (Markdown to DOM nodes, on marked's parser from its WebJar: {@code /assets/marked.esm.js}) and the icons.
 */
@Path("/assets")
public final class SharedAssetsResource {

    private final StaticFiles files = StaticFiles.in("assets", StaticFiles.webJar("org.webjars.npm", "marked", "lib"))
            .require("session.js", "page.css", "icon.svg", "icon-180.png", "markdown.js", "marked.esm.js");

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file, @Context Request request) {
        return files.serve(file, request);
    }
}
