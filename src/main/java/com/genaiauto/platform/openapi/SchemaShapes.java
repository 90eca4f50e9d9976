package com.genaiauto.platform.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes the schemas read from Java types with what the types say but swagger-core does not:
 * a reference-typed field may be {@code null} on the wire (the service writes nulls), unless it is
 * a collection (always written, possibly empty) or marked {@code @NotNull}/{@code @NotBlank}/
 * {@code @NotEmpty}; and a type only ever answered, never sent, always carries every property
 * it does not omit by {@code @JsonInclude}, so its properties are all required.
 */
final class SchemaShapes {

    private static final String REF_PREFIX = "#/components/schemas/";
    private static final String RESPONSE_PREFIX = "#/components/responses/";

    private final ObjectMapper json;
    private final SchemaNames names;

    SchemaShapes(ObjectMapper json, SchemaNames names) {
        this.json = json;
        this.names = names;
    }

    void finish(OpenAPI document) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        Set<String> sent = reachable(document, schemas, true);
        Set<String> answered = reachable(document, schemas, false);
        schemas.forEach((name, schema) -> {
            Class<?> type = names.classOf(name);
            if (type == null || type.isEnum() || schema.getProperties() == null) {
                return;
            }
            boolean answerOnly = answered.contains(name) && !sent.contains(name);
            finish(type, schema, answerOnly);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void finish(Class<?> type, Schema<?> schema, boolean answerOnly) {
        BeanDescription bean = json.getSerializationConfig().introspect(json.constructType(type));
        JsonInclude.Include classDefault = json.getSerializationConfig().getDefaultPropertyInclusion(type)
                .getValueInclusion();
        JsonInclude.Value classInclusion = bean.findPropertyInclusion(JsonInclude.Value.empty());
        Map<String, Schema> properties = (Map) schema.getProperties();
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (BeanPropertyDefinition property : bean.findProperties()) {
            Schema<?> own = properties.get(property.getName());
            if (own == null || !property.couldSerialize()) {
                continue;
            }
            Class<?> raw = property.getRawPrimaryType();
            if (mayBeNull(raw, property)) {
                properties.put(property.getName(), nullable(own));
            }
            JsonInclude.Include inclusion = inclusion(property, classInclusion, classDefault);
            if (answerOnly && (inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS)
                    && !required.contains(property.getName())) {
                required.add(property.getName());
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    private static JsonInclude.Include inclusion(BeanPropertyDefinition property, JsonInclude.Value classInclusion,
                                                 JsonInclude.Include mapperDefault) {
        JsonInclude.Value own = property.findInclusion();
        if (own != null && own.getValueInclusion() != JsonInclude.Include.USE_DEFAULTS) {
            return own.getValueInclusion();
        }
        if (classInclusion.getValueInclusion() != JsonInclude.Include.USE_DEFAULTS) {
            return classInclusion.getValueInclusion();
        }
        return mapperDefault;
    }

    private static boolean mayBeNull(Class<?> raw, BeanPropertyDefinition property) {
        if (raw.isPrimitive() || raw.isArray() || Collection.class.isAssignableFrom(raw)
                || Map.class.isAssignableFrom(raw)) {
            return false;
        }
        for (Class<? extends Annotation> notNull : List.of(NotNull.class, NotBlank.class, NotEmpty.class)) {
            if (annotated(property, notNull)) {
                return false;
            }
        }
        return true;
    }

    private static boolean annotated(BeanPropertyDefinition property, Class<? extends Annotation> annotation) {
        return (property.getField() != null && property.getField().hasAnnotation(annotation))
                || (property.getGetter() != null && property.getGetter().hasAnnotation(annotation))
                || (property.getConstructorParameter() != null && property.getConstructorParameter().hasAnnotation(annotation));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> nullable(Schema<?> schema) {
        if (schema.getTypes() != null && !schema.getTypes().isEmpty() && schema.get$ref() == null) {
            schema.addType("null");
            if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
                List values = new ArrayList<>(schema.getEnum());
                values.add(null);
                ((Schema) schema).setEnum(values);
            }
            return schema;
        }
        if (schema.get$ref() == null && schema.getAnyOf() == null && schema.getOneOf() == null
                && schema.getAllOf() == null) {
            return schema; // no type: anything, null included
        }
        Schema<?> either = new JsonSchema().anyOf(List.of(schema, new JsonSchema().types(Set.of("null"))));
        either.setDescription(schema.getDescription());
        schema.setDescription(null);
        return either;
    }

    /** Names of the schemas reachable from request bodies ({@code requests}) or from responses. */
    private static Set<String> reachable(OpenAPI document, Map<String, Schema> schemas, boolean requests) {
        Deque<Schema<?>> pending = new ArrayDeque<>();
        if (document.getPaths() != null) {
            document.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                    roots(document, operation, requests).forEach(content -> content.values().forEach(media -> {
                        if (media.getSchema() != null) {
                            pending.add(media.getSchema());
                        }
                    }))));
        }
        Set<String> found = new LinkedHashSet<>();
        Set<Schema<?>> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Schema<?> schema = pending.pop();
            if (!visited.add(schema)) {
                continue;
            }
            if (schema.get$ref() != null && schema.get$ref().startsWith(REF_PREFIX)) {
                String name = schema.get$ref().substring(REF_PREFIX.length());
                if (found.add(name) && schemas.get(name) != null) {
                    pending.add(schemas.get(name));
                }
            }
            children(schema).forEach(pending::add);
        }
        return found;
    }

    private static List<Content> roots(OpenAPI document, Operation operation, boolean requests) {
        List<Content> contents = new ArrayList<>();
        if (requests) {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                contents.add(operation.getRequestBody().getContent());
            }
        } else if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> {
                ApiResponse shared = response.get$ref() == null ? response
                        : document.getComponents().getResponses().get(response.get$ref().substring(RESPONSE_PREFIX.length()));
                if (shared != null && shared.getContent() != null) {
                    contents.add(shared.getContent());
                }
            });
        }
        return contents;
    }

    @SuppressWarnings("unchecked")
    private static List<Schema<?>> children(Schema<?> schema) {
        List<Schema<?>> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll((Collection<Schema<?>>) (Collection<?>) schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            children.add(values);
        }
        for (List<Schema> group : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())) {
            if (group != null) {
                group.forEach(member -> children.add((Schema<?>) member));
            }
        }
        if (schema.getPrefixItems() != null) {
            schema.getPrefixItems().forEach(member -> children.add((Schema<?>) member));
        }
        return children;
    }
}
