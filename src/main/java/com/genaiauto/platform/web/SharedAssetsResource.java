package com.genaiauto.platform.web;

import jakarta.ws.rs.Path;

/**
 * Files every page shares: {@code /assets/session.js} (sign-in, the in-memory access token and
 * the API client), {@code /assets/page.css} (the base style sheet), {@code /assets/markdown.js}
 * (Markdown to DOM nodes, on marked's parser from its WebJar: {@code /assets/marked.esm.js}) and the icons.
 */
@Path("/assets")
public final class SharedAssetsResource extends StaticFolder {

    public SharedAssetsResource() {
        super(StaticFiles.in("assets", StaticFiles.webJar("org.webjars.npm", "marked", "lib"))
                .require("session.js", "page.css", "icon.svg", "icon-180.png", "markdown.js", "marked.esm.js"));
    }
}
