package com.genaiauto.platform.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: Swagger UI over {@code /openapi.json}, served from its webjar with the page's
 * own start script, so it works offline and loads nothing from elsewhere.
 */
@Path("/docs")
@Tag(name = ApiDocs.TAG)
public final class DocsPageResource {

    /**
     * The pages' strict policy, unrelaxed: Swagger UI styles elements through the DOM (allowed),
     * never with inline style sheets or attributes, and starts from a script file of this page.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private final byte[] page = load("docs/index.html");
    private final Map<String, Asset> assets = Map.of(
            "docs.js", new Asset(load("docs/docs.js"), JAVASCRIPT),
            "docs.css", new Asset(load("docs/docs.css"), CSS),
            "swagger-ui-bundle.js", new Asset(load(webjar("swagger-ui-bundle.js")), JAVASCRIPT),
            "swagger-ui.css", new Asset(load(webjar("swagger-ui.css")), CSS));

    private record Asset(byte[] body, String type) {
    }

    @GET
    @Operation(summary = "The API documentation, browsable (Swagger UI)")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = "text/html", schema = @Schema(types = "string")))
    public Response page() {
        return serve(page, HTML);
    }

    @GET
    @Path("/{file}")
    @Operation(summary = "A script or style sheet of the documentation page")
    @ApiResponse(responseCode = "200", description = "The file",
            content = {@Content(mediaType = "text/javascript", schema = @Schema(types = "string")),
                    @Content(mediaType = "text/css", schema = @Schema(types = "string"))})
    public Response asset(@PathParam("file") String file) {
        Asset asset = assets.get(file);
        if (asset == null) {
            throw new NotFoundException();
        }
        return serve(asset.body(), asset.type());
    }

    private static Response serve(byte[] body, String contentType) {
        return Response.ok(body, contentType)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static String webjar(String file) {
        try (InputStream in = DocsPageResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = DocsPageResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("documentation page asset missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read documentation page asset " + name, e);
        }
    }
}
