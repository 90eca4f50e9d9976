package com.genaiauto.platform.web;

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
    public Response icon(@Context Request request) {
        return files.serve("favicon.ico", request);
    }
}
