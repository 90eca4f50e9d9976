package com.genaiauto.platform.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.swagger.v3.core.util.Json31;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;

/**
 * The API's OpenAPI 3.1 document ({@code GET /openapi.json}) and its reader ({@code GET /docs}).
 * Jersey's resources are read as Jersey serves them; a module that serves routes some other way
 * (a servlet, a WebSocket) describes them here with {@link #describe}: a JAX-RS-annotated type that
 * is read for the document only, never served.
 */
public final class ApiDocs {

    /** A 409 in the error shape, for {@code @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)}. */
    public static final String CONFLICT = "#/components/responses/Conflict";

    /** The tag of the documentation's own routes. */
    static final String TAG = "API documentation";

    private final ObjectMapper json;
    private final String version;
    private final List<Class<?>> describedElsewhere = new CopyOnWriteArrayList<>();
    private final List<Class<?>> schemas = new CopyOnWriteArrayList<>();
    private volatile String document;

    public ApiDocs(ObjectMapper json, String version) {
        this.json = json;
        this.version = version;
    }

    /**
     * Adds routes served outside Jersey: {@code routes} carries JAX-RS and OpenAPI annotations
     * for the document only; {@code messages} are further schemas its description refers to
     * (a socket's messages, say).
     */
    public void describe(Class<?> routes, Class<?>... messages) {
        describedElsewhere.add(routes);
        schemas.addAll(List.of(messages));
    }

    public void register(JerseyEnvironment jersey) {
        jersey.register(new OpenApiResource(this));
        jersey.register(new DocsPageResource());
    }

    /** The document as JSON, built once from the application's resource model (it does not change once started). */
    String json(ResourceModel model) {
        String built = document;
        if (built == null) {
            synchronized (this) {
                built = document;
                if (built == null) {
                    try {
                        built = Json31.mapper().writeValueAsString(OpenApiDocument.build(handlerClasses(model),
                                new LinkedHashSet<>(describedElsewhere), schemas, json, version));
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException("cannot write the OpenAPI document", e);
                    }
                    document = built;
                }
            }
        }
        return built;
    }

    /** The classes whose methods Jersey dispatches to. */
    static Collection<Class<?>> handlerClasses(ResourceModel model) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        List<Resource> pending = new ArrayList<>(model.getRootResources());
        while (!pending.isEmpty()) {
            Resource resource = pending.remove(pending.size() - 1);
            for (ResourceMethod method : resource.getAllMethods()) {
                if (!method.isExtended() && method.getInvocable().getHandler().getHandlerClass() != null) {
                    classes.add(method.getInvocable().getHandler().getHandlerClass());
                }
            }
            pending.addAll(resource.getChildResources());
        }
        return classes;
    }
}
