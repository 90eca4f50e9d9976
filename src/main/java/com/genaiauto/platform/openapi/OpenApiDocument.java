package com.genaiauto.platform.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.jaxrs2.DefaultParameterExtension;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the OpenAPI 3.1 document: swagger-core reads the resource classes Jersey serves and the
 * classes that describe routes served elsewhere (the model gateway, the chat socket), with this
 * package's additions (access, errors, schema names and shapes).
 */
final class OpenApiDocument {

    /** swagger-core keeps its parameter extensions and model converters process-wide. */
    private static final Object SWAGGER = new Object();
    private static ModelConverter installed;

    private OpenApiDocument() {
    }

    static OpenAPI build(Collection<Class<?>> served, Set<Class<?>> describedElsewhere, Collection<Class<?>> schemas,
                         ObjectMapper json, String version) {
        synchronized (SWAGGER) {
            SchemaNames names = new SchemaNames();
            SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base(version)).openAPI31(true)
                    .defaultResponseCode("200").readAllResources(true).prettyPrint(false);
            ModelConverters converters = ModelConverters.getInstance(config.toConfiguration());
            if (installed != null) {
                converters.removeConverter(installed);
            }
            // The service's own mapper reads the types: property names and formats as they go over the wire.
            installed = new ModelResolver(json.copy(), names).openapi31(true);
            converters.addConverter(installed);
            List<OpenAPIExtension> extensions = List.of(new ApiOperations(describedElsewhere),
                    new DefaultParameterExtension());
            for (OpenAPIExtension extension : extensions) {
                // Else parameters and request bodies are read as OpenAPI 3.0, by another converter.
                extension.setConfiguration(config.toConfiguration());
                extension.setOpenAPI31(true);
            }
            OpenAPIExtensions.setExtensions(new ArrayList<>(extensions));

            Set<Class<?>> classes = new LinkedHashSet<>(served);
            classes.addAll(describedElsewhere);
            OpenAPI document = new Reader(config).read(classes);
            Components components = document.getComponents();
            for (Class<?> type : schemas) {
                add(converters, type, components);
            }
            add(converters, StandardResponses.errorType(), components);
            document.setPaths(sorted(document.getPaths()));
            document.setTags(tags(document));
            new SchemaShapes(json, names).finish(document);
            return document;
        }
    }

    private static void add(ModelConverters converters, Class<?> type, Components components) {
        ResolvedSchema resolved = converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(components::addSchemas);
        }
    }

    private static OpenAPI base(String version) {
        Components components = new Components()
                .addSecuritySchemes(ApiOperations.USER_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("The access token from `POST /api/v1/auth/login`, `/register` or `/refresh`,"
                                + " sent as `Authorization: Bearer <token>`. Its role (customer, agent, admin) decides"
                                + " which operations it may call: each operation lists them under **Access** and in"
                                + " `x-roles` (`*`: any signed-in user)."))
                .addSecuritySchemes(GATEWAY_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key made by an administrator (`POST /api/v1/auth/api-keys`), sent as"
                                + " `Authorization: Bearer <key>`, as OpenAI SDKs do. For the `/v1` gateway only."))
                .addSecuritySchemes(GATEWAY_KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("The same API key in the `X-API-Key` header instead."));
        StandardResponses.addTo(components);
        return new OpenAPI().components(components).info(new Info().title("GenAI Auto API").version(version)
                .description(DESCRIPTION));
    }

    static final String GATEWAY_KEY = "apiKey";
    static final String GATEWAY_KEY_HEADER = "apiKeyHeader";

    private static final String DESCRIPTION = """
            The HTTP API of GenAI Auto, the customer-service assistant for vehicle owners, and its \
            OpenAI-compatible model gateway.

            * **Users** sign in with `POST /api/v1/auth/login` and send the access token as a bearer \
            token. Each operation says which roles may call it (**Access**, and `x-roles`).
            * **API clients** call the `/v1` gateway with an API key, as OpenAI's SDKs do; its errors \
            are OpenAI's.
            * **Errors** everywhere else share one shape, `{"error":{"code","message","details","requestId"}}` \
            (schema `ErrorResponse`); quote `requestId` when reporting one.
            * **Live chat**: `GET /ws/{sessionId}` upgrades to a WebSocket; its messages are described there \
            and in the `ChatSocketMessages.*` schemas.

            This document is generated from the code, and a test fails when a route exists that it lacks.""";

    private static Paths sorted(Paths paths) {
        Paths sorted = new Paths();
        if (paths != null) {
            new TreeSet<>(paths.keySet()).forEach(path -> sorted.addPathItem(path, paths.get(path)));
        }
        return sorted;
    }

    private static List<Tag> tags(OpenAPI document) {
        Set<String> names = new TreeSet<>();
        document.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getTags() != null) {
                names.addAll(operation.getTags());
            }
        }));
        List<Tag> declared = document.getTags() == null ? List.of() : document.getTags();
        List<Tag> tags = new ArrayList<>();
        for (String name : names) {
            tags.add(declared.stream().filter(tag -> tag.getName().equals(name)).findFirst()
                    .orElseGet(() -> new Tag().name(name)));
        }
        return tags;
    }
}
