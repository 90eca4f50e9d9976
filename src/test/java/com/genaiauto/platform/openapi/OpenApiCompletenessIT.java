package com.genaiauto.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.conversations.resource.ChatSocketServlet;
import com.genaiauto.llm.gateway.GatewayServlet;
import com.genaiauto.testing.RunningApp;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /openapi.json} lists exactly the routes the running application serves: every method of
 * Jersey's resource model (as Jersey built it, sub-resources included) and every route of the other
 * servlets registered with Jetty (the model gateway, the chat socket); a route missing from the
 * document, or a documented route that does not exist, fails here.
 */
@DisplayName("OpenAPI document completeness")
class OpenApiCompletenessIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    /**
     * The routes of each servlet Jersey does not run. A servlet missing here fails the test: its
     * routes must be described in the document (ApiDocs.describe) and listed by it.
     */
    private static final Map<Class<?>, List<String>> SERVLET_ROUTES = Map.of(
            GatewayServlet.class, GatewayServlet.ENDPOINTS,
            ChatSocketServlet.class, List.of(ChatSocketServlet.ENDPOINT));

    private static OpenApiSpec spec;

    @BeforeAll
    static void readTheDocument() {
        spec = OpenApiSpec.of(APP.api().get("/openapi.json", null));
    }

    @Test
    @DisplayName("lists exactly the routes Jersey and the other servlets serve")
    void shouldListExactlyTheServedRoutes() throws Exception {
        TreeSet<String> served = jerseyRoutes();
        served.addAll(servletRoutes());
        assertThat(served).as("routes served").hasSizeGreaterThan(60);
        assertThat(spec.operations()).as("operations in /openapi.json")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Nested
    @DisplayName("every operation")
    class EveryOperation {

        @Test
        @DisplayName("documents a success response, with a schema for each body")
        void shouldDocumentItsSuccess() {
            for (String operation : spec.operations()) {
                String[] route = operation.split(" ", 2);
                JsonNode responses = spec.operation(route[0], route[1]).path("responses");
                List<String> successes = new ArrayList<>();
                responses.fieldNames().forEachRemaining(status -> {
                    if (status.matches("[12]\\d\\d")) {
                        successes.add(status);
                    }
                });
                assertThat(successes).as("%s documents a 1xx/2xx response", operation).isNotEmpty();
                for (String status : successes) {
                    JsonNode response = spec.resolve(responses.path(status));
                    assertThat(response.path("description").asText()).as("%s %s description", operation, status)
                            .isNotBlank();
                    response.path("content").fields().forEachRemaining(media ->
                            assertThat(media.getValue().path("schema").isObject())
                                    .as("%s %s %s has a schema", operation, status, media.getKey()).isTrue());
                    if (status.equals("204") || status.equals("101")) {
                        assertThat(response.has("content")).as("%s %s has no body", operation, status).isFalse();
                    }
                }
            }
        }

        @Test
        @DisplayName("says who may call it, and describes its errors in the shared error shape")
        void shouldStateAccessAndErrors() {
            for (String operation : spec.operations()) {
                String[] route = operation.split(" ", 2);
                JsonNode described = spec.operation(route[0], route[1]);
                assertThat(described.path("tags")).as("%s tags", operation).isNotEmpty();
                if (route[1].startsWith("/v1/")) {
                    assertThat(described.path("security").toString()).as(operation).contains("apiKey");
                    continue;
                }
                if (route[1].startsWith("/ws/")) {
                    continue;
                }
                assertThat(described.path("description").asText()).as("%s description", operation).contains("**Access:**");
                JsonNode roles = described.path("x-roles");
                assertThat(roles.isArray()).as("%s x-roles", operation).isTrue();
                assertThat(described.has("security")).as("%s security", operation).isEqualTo(!roles.isEmpty());
                if (!roles.isEmpty()) {
                    assertThat(described.path("responses").path("401").path("$ref").asText())
                            .isEqualTo("#/components/responses/Unauthorized");
                }
                assertThat(spec.response(route[0], route[1], 599).path("content").path("application/json")
                        .path("schema").path("$ref").asText()).as("%s default", operation)
                        .isEqualTo("#/components/schemas/ErrorResponse");
            }
        }
    }

    @Test
    @DisplayName("has no reference that leads nowhere")
    void shouldResolveEveryReference() {
        List<String> references = new ArrayList<>();
        collectReferences(spec.document(), references);
        assertThat(references).hasSizeGreaterThan(100);
        for (String reference : references) {
            assertThat(spec.document().at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    @Test
    @DisplayName("is OpenAPI 3.1 with the security schemes and the shared error shape")
    void shouldDeclareTheBasics() {
        JsonNode document = spec.document();
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("components").path("securitySchemes").path("userToken").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.path("components").path("securitySchemes").path("apiKey").path("scheme").asText())
                .isEqualTo("bearer");
        JsonNode body = document.path("components").path("schemas").path("ErrorResponse.Body").path("properties");
        assertThat(iterable(body)).containsExactly("code", "message", "details", "requestId");
        assertThat(document.path("components").path("schemas").path("ChatSocketMessages.ClientMessage")
                .path("oneOf")).hasSize(3);
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectReferences(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, into));
        }
    }

    /** Jersey's runtime resource model, as it dispatches: every resource method, child resources and locators. */
    private static TreeSet<String> jerseyRoutes() {
        Servlet container = APP.support().getEnvironment().getJerseyServletContainer();
        assertThat(container).isInstanceOf(ServletContainer.class);
        ExtendedResourceContext context = ((ServletContainer) container).getApplicationHandler().getInjectionManager()
                .getInstance(ExtendedResourceContext.class);
        TreeSet<String> routes = new TreeSet<>();
        for (Resource resource : context.getResourceModel().getRootResources()) {
            collect(resource, "", routes);
        }
        return routes;
    }

    private static void collect(Resource resource, String prefix, TreeSet<String> into) {
        String path = normalise(prefix + "/" + (resource.getPath() == null ? "" : resource.getPath()));
        for (ResourceMethod method : resource.getResourceMethods()) {
            // Jersey's own additions (automatic OPTIONS) are not routes of the application.
            if (!method.isExtended()) {
                into.add(method.getHttpMethod() + " " + path);
            }
        }
        ResourceMethod locator = resource.getResourceLocator();
        if (locator != null) {
            collect(Resource.from(locator.getInvocable().getRawResponseType()), path, into);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    /** {@code /a//b/{id: [0-9]+}/} becomes {@code /a/b/{id}}. */
    private static String normalise(String path) {
        String plain = path.replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    /** The routes of every other servlet mapped on the application port. */
    private static List<String> servletRoutes() throws jakarta.servlet.ServletException {
        Environment environment = APP.support().getEnvironment();
        ServletHandler handler = environment.getApplicationContext().getServletHandler();
        Servlet jersey = environment.getJerseyServletContainer();
        List<String> routes = new ArrayList<>();
        List<Class<?>> seen = new ArrayList<>();
        for (ServletMapping mapping : handler.getServletMappings()) {
            ServletHolder holder = handler.getServlet(mapping.getServletName());
            Servlet servlet = holder.getServlet();
            // Jersey's routes are its resource model's; Jetty's fallback answers 404 for anything unmapped.
            if (servlet == jersey || servlet instanceof ServletHandler.Default404Servlet) {
                continue;
            }
            Class<?> type = servlet.getClass();
            assertThat(SERVLET_ROUTES).as("servlet %s mapped at %s: describe its routes in the OpenAPI document"
                    + " and list them here", type.getName(), List.of(mapping.getPathSpecs())).containsKey(type);
            for (String route : SERVLET_ROUTES.get(type)) {
                String path = route.split(" ", 2)[1];
                assertThat(List.of(mapping.getPathSpecs())).as("%s is under the servlet's mapping", route)
                        .anySatisfy(spec -> assertThat(path).startsWith(spec.replace("/*", "/")));
            }
            routes.addAll(SERVLET_ROUTES.get(type));
            seen.add(type);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(SERVLET_ROUTES.keySet());
        return routes;
    }
}
