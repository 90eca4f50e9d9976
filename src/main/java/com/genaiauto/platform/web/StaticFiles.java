package com.genaiauto.platform.web;

import com.genaiauto.platform.errors.ResourceNotFoundException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files of classpath folders, served to browsers with the headers every page of the service
 * carries. Only plain file names with a known extension are looked up, so a request can neither
 * climb out of its folders nor fetch a class file or configuration next to it; anything else is 404.
 */
public final class StaticFiles {

    /**
     * The page runs only its own scripts and style sheets and talks only to this origin. 'self'
     * covers ws: and wss: of the same host since CSP level 3; listing the schemes would allow any host.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private final List<String> folders;
    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    private record File(byte[] body, String contentType, EntityTag tag) {
    }

    private StaticFiles(List<String> folders) {
        this.folders = folders;
    }

    /** The files under these classpath folders (e.g. {@code "chat"}), the first folder holding a name wins. */
    public static StaticFiles in(String... folders) {
        return new StaticFiles(List.of(folders));
    }

    /**
     * The classpath folder of a WebJar's files (a browser library packaged on Maven Central), e.g.
     * {@code webJar("org.webjars.npm", "marked", "lib")}: the version comes from the jar itself, so
     * upgrading is a change of the pom only. An empty {@code subfolder} is the WebJar's top folder.
     */
    public static String webJar(String group, String artifact, String subfolder) {
        String properties = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        Properties pom = new Properties();
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("WebJar missing from the classpath: " + group + ":" + artifact);
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
        String root = "META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version");
        return subfolder.isEmpty() ? root : root + "/" + subfolder;
    }

    /** Fails start-up, rather than the first visitor, when a file the service depends on is missing. */
    public StaticFiles require(String... names) {
        for (String name : names) {
            if (find(name).isEmpty()) {
                throw new IllegalStateException("missing from the classpath: " + name + " in " + folders);
            }
        }
        return this;
    }

    /** The file with the page headers; 304 when the browser's copy is current; 404 for anything unknown. */
    public Response serve(String name, Request request) {
        File file = find(name).orElseThrow(() -> new ResourceNotFoundException("No such file."));
        Response.ResponseBuilder unchanged = request == null ? null : request.evaluatePreconditions(file.tag());
        Response.ResponseBuilder response = unchanged != null ? unchanged : Response.ok(file.body(), file.contentType());
        return withPageHeaders(response).tag(file.tag()).build();
    }

    /** The headers every browser-facing answer of the service carries. */
    public static Response.ResponseBuilder withPageHeaders(Response.ResponseBuilder response) {
        return response
                // Revalidated on every load, so a new release reaches open tabs on reload.
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                // A page's address may carry a question (?q=): never pass it on to another site.
                .header("Referrer-Policy", "no-referrer");
    }

    private Optional<File> find(String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        File known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        // Misses are not remembered: the set of names asked for is the visitors' to choose.
        for (String folder : folders) {
            Optional<byte[]> body = read(folder + "/" + name);
            if (body.isPresent()) {
                return Optional.of(loaded.computeIfAbsent(name, n -> new File(body.get(), type, tag(body.get()))));
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static EntityTag tag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
