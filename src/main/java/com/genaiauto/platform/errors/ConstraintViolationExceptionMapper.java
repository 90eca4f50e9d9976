package com.genaiauto.platform.errors;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.model.Invocable;

/** Bean Validation failures become 422 with one entry per offending field. */
@Provider
public final class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Invocable invocable = exception instanceof JerseyViolationException jersey ? jersey.getInvocable() : null;
        List<Map<String, String>> fields = exception.getConstraintViolations().stream()
                .map(violation -> Map.of(
                        "field", fieldOf(violation),
                        "message", invocable == null
                                ? violation.getMessage()
                                : ConstraintMessage.getMessage(violation, invocable)))
                .sorted(Comparator.comparing((Map<String, String> m) -> m.get("field"))
                        .thenComparing(m -> m.get("message")))
                .toList();
        return ErrorResponses.of(422, "validation_failed", "The request is not valid.", Map.of("fields", fields));
    }

    /** The property path inside the request body, or the parameter's name when there is none. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        List<String> properties = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null ? "" : node.getName();
                properties.add(node.getIndex() == null ? name : name + "[" + node.getIndex() + "]");
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties).replace(".[", "[");
        }
        return parameter == null ? "request" : parameter;
    }
}
