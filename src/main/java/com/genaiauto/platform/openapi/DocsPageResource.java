package com.genaiauto.platform.openapi;

import com.genaiauto.platform.web.StaticFiles;
import com.genaiauto.platform.web.WebPage;
import jakarta.ws.rs.Path;

/**
 * {@code GET /docs}: Swagger UI over {@code /openapi.json}, from its WebJar, started by the page's
 * own script ({@code docs/docs.js}), under the pages' strict policy: Swagger UI styles elements
 * through the DOM (allowed), with no inline style sheet, style attribute or script.
 */
@Path("/docs")
public final class DocsPageResource extends WebPage {

    public DocsPageResource() {
        super(StaticFiles.in("docs", StaticFiles.webJar("org.webjars", "swagger-ui", ""))
                .require("index.html", "docs.js", "docs.css", "swagger-ui-bundle.js", "swagger-ui.css"));
    }
}
