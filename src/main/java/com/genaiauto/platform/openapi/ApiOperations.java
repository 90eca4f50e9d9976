package com.genaiauto.platform.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * What swagger-core cannot read off a resource method by itself, added as it reads each one:
 * the signed-in caller ({@code @Auth}) is no request body; multipart fields are form fields; who
 * may call (from {@code @RolesAllowed}/{@code @PermitAll}, the annotations Jersey enforces) becomes
 * the operation's security and roles; and the error responses every such route can give, in the
 * one error shape. Routes described for other servlets carry their own annotations and are left as
 * they are.
 */
final class ApiOperations extends AbstractOpenAPIExtension {

    static final String USER_TOKEN = "userToken";
    static final String ROLES_EXTENSION = "x-roles";

    private final Set<Class<?>> describedElsewhere;
    /** Two Java methods on one route (one per media type) are one operation: the later merges the earlier. */
    private final Map<String, Operation> byRoute = new HashMap<>();

    ApiOperations(Set<Class<?>> describedElsewhere) {
        this.describedElsewhere = describedElsewhere;
    }

    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes,
                                               Consumes methodConsumes, boolean includeRequestBody,
                                               JsonView jsonViewAnnotation, Iterator<OpenAPIExtension> chain) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof Auth) {
                // The caller, from the bearer token: the security requirement says so.
                return new ResolvedParameter();
            }
            if (annotation instanceof FormDataParam field) {
                ResolvedParameter form = new ResolvedParameter();
                boolean file = !String.class.equals(constructType(type).getRawClass());
                Schema<?> schema = file ? new JsonSchema().types(Set.of("string")).contentMediaType(
                        "application/octet-stream").description("The file's bytes, with its file name")
                        : new JsonSchema().types(Set.of("string"));
                form.formParameters.add(new Parameter().name(field.value()).required(file).schema(schema));
                return form;
            }
        }
        return super.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }

    @Override
    public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
        Class<?> resource = method.getDeclaringClass();
        if (!describedElsewhere.contains(resource)) {
            if (operation.getTags() == null || operation.getTags().isEmpty()) {
                operation.addTagsItem(tagOf(resource));
            }
            if (operation.getSummary() == null) {
                operation.setSummary(words(method.getName()));
            }
            plainSuccess(operation);
            describeAccess(operation, method);
            describeErrors(operation);
            mergeSameRoute(operation, method);
        }
        super.decorateOperation(operation, method, chain);
    }

    /** swagger-core calls the response it reads off the return type "default response". */
    private static void plainSuccess(Operation operation) {
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if ("default response".equals(response.getDescription())) {
                    response.setDescription("Success");
                }
            });
        }
    }

    private static void describeAccess(Operation operation, Method method) {
        Access access = Access.of(method);
        operation.addExtension(ROLES_EXTENSION, access.roles());
        String note = switch (access.kind()) {
            case PUBLIC -> "**Access:** public, no sign-in.";
            case SIGNED_IN -> "**Access:** any signed-in user (customer, agent or admin). The service decides per"
                    + " record: a customer sees only their own (another's answers 404), and changes reserved to"
                    + " staff answer 403.";
            case ROLES -> "**Access:** " + String.join(", ", access.roles()) + ".";
            case NOBODY -> "**Access:** nobody.";
        };
        operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        if (access.kind() != Access.Kind.PUBLIC) {
            operation.addSecurityItem(new SecurityRequirement().addList(USER_TOKEN));
            addIfAbsent(operation, "401", StandardResponses.UNAUTHORIZED);
            addIfAbsent(operation, "403", StandardResponses.FORBIDDEN);
            addIfAbsent(operation, "429", StandardResponses.TOO_MANY_REQUESTS);
        }
    }

    private static void describeErrors(Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            addIfAbsent(operation, "404", StandardResponses.NOT_FOUND);
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "400", StandardResponses.BAD_REQUEST);
            addIfAbsent(operation, "413", StandardResponses.PAYLOAD_TOO_LARGE);
            addIfAbsent(operation, "415", StandardResponses.UNSUPPORTED_MEDIA_TYPE);
        }
        if (operation.getRequestBody() != null || !parameters.isEmpty()) {
            addIfAbsent(operation, "422", StandardResponses.UNPROCESSABLE);
        }
        // Anything else (500, 503 from a dependency) in the same shape.
        addIfAbsent(operation, "default", StandardResponses.UNEXPECTED);
    }

    private static void addIfAbsent(Operation operation, String status, String component) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().$ref(StandardResponses.ref(component)));
        }
    }

    /** Keeps the request body types of an earlier method on the same route (say, multipart next to JSON). */
    private void mergeSameRoute(Operation operation, Method method) {
        String route = httpMethod(method) + " " + path(method);
        Operation earlier = byRoute.put(route, operation);
        if (earlier == null || earlier.getRequestBody() == null || earlier.getRequestBody().getContent() == null) {
            return;
        }
        if (operation.getRequestBody() == null) {
            operation.setRequestBody(earlier.getRequestBody());
            return;
        }
        Content content = operation.getRequestBody().getContent();
        earlier.getRequestBody().getContent().forEach((type, media) -> {
            if (content != null && !content.containsKey(type)) {
                content.addMediaType(type, media);
            }
        });
        earlier.getResponses().forEach((status, response) -> operation.getResponses().putIfAbsent(status, response));
    }

    private static String httpMethod(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class,
                HEAD.class, OPTIONS.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getSimpleName();
            }
        }
        return "";
    }

    private static String path(Method method) {
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        return (type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value());
    }

    /** {@code ApiKeyResource} becomes "API key"; a class may name its tag itself with {@code @Tag}. */
    static String tagOf(Class<?> resource) {
        return words(resource.getSimpleName().replaceAll("Resource$", ""));
    }

    /** {@code addHistory} becomes "Add history", {@code LlmStatus} "LLM status". */
    static String words(String identifier) {
        String spaced = identifier.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\bapi\\b", "API").replaceAll("\\bllm\\b", "LLM");
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Who may call a method: the annotations Jersey's RolesAllowedDynamicFeature enforces, method first. */
    record Access(Kind kind, List<String> roles) {

        enum Kind { PUBLIC, SIGNED_IN, ROLES, NOBODY }

        static Access of(Method method) {
            Access own = of(method.getAnnotations());
            return own != null ? own : java.util.Objects.requireNonNullElse(
                    of(method.getDeclaringClass().getAnnotations()), new Access(Kind.PUBLIC, List.of()));
        }

        private static Access of(Annotation[] annotations) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof DenyAll) {
                    return new Access(Kind.NOBODY, List.of());
                }
                if (annotation instanceof RolesAllowed allowed) {
                    return new Access(Kind.ROLES, Arrays.stream(allowed.value()).sorted().toList());
                }
                if (annotation instanceof PermitAll) {
                    return new Access(Kind.SIGNED_IN, List.of("*"));
                }
            }
            return null;
        }
    }
}
