package com.genaiauto.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.genaiauto.testing.Api;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The service's OpenAPI document as a test reads it: its operations, and real responses checked
 * against it with a JSON Schema 2020-12 validator in the OpenAPI 3.1 dialect. The check is
 * stricter than the published document: an object may carry no property its schema does not list.
 */
final class OpenApiSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRI = "https://genai-auto.test/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode document;
    private final SchemaRegistry schemas;

    private OpenApiSpec(JsonNode document) {
        this.document = document;
        JsonNode strict = document.deepCopy();
        strict.path("components").path("schemas").forEach(OpenApiSpec::closeObjects);
        String text = strict.toString();
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(IRI, text)));
    }

    static OpenApiSpec of(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        try {
            return new OpenApiSpec(JSON.readTree(reply.text()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Every operation as {@code METHOD /path}. */
    TreeSet<String> operations() {
        TreeSet<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("the document has %s %s", method, path).isTrue();
        return operation;
    }

    /** The documented response of an operation for a status: its own, else its {@code default}; shared ones resolved. */
    JsonNode response(String method, String path, int status) {
        JsonNode responses = operation(method, path).path("responses");
        JsonNode response = responses.has(Integer.toString(status)) ? responses.path(Integer.toString(status))
                : responses.path("default");
        assertThat(response.isObject()).as("%s %s documents status %d", method, path, status).isTrue();
        return resolve(response);
    }

    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String pointer = current.path("$ref").asText();
            assertThat(pointer).startsWith("#/");
            current = document.at(pointer.substring(1));
            assertThat(current.isMissingNode()).as("%s resolves", pointer).isFalse();
        }
        return current;
    }

    /**
     * Asserts that a real reply is what the document says {@code method path} answers: its status
     * is documented, its media type is listed, and a JSON body matches the schema.
     */
    void assertConforms(String method, String path, Api.Reply reply) {
        JsonNode response = response(method, path, reply.status());
        String contentType = reply.header("Content-Type");
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(reply.text()).as("%s %s %d has no documented body: %s", method, path, reply.status(), reply)
                    .isEmpty();
            return;
        }
        assertThat(contentType).as("%s %s %d content type", method, path, reply.status()).isNotNull();
        String mediaType = contentType.split(";")[0].trim();
        JsonNode media = content.path(mediaType);
        List<String> listed = new java.util.ArrayList<>();
        content.fieldNames().forEachRemaining(listed::add);
        assertThat(media.isObject()).as("%s %s %d documents %s (it lists %s)", method, path, reply.status(), mediaType,
                listed).isTrue();
        if (mediaType.equals("application/json")) {
            assertValid(media.path("schema"), reply.json(), method + " " + path + " " + reply.status());
        }
    }

    /** Asserts that a JSON value matches a schema of the document (an inline one, or a reference into it). */
    void assertValid(JsonNode schema, JsonNode value, String what) {
        assertThat(schema.isObject()).as("%s has a schema", what).isTrue();
        // Inline schemas refer into the document: anchor their references to it.
        JsonNode anchored = schema.deepCopy();
        anchor(anchored);
        Schema validator = schemas.getSchema(SchemaLocation.of(IRI + "#/validated"), anchored);
        List<Error> errors = validator.validate(value);
        assertThat(errors).as("%s: %s does not match its schema %s", what, value, schema).isEmpty();
    }

    /** A component schema by name, for values that are not an HTTP body (socket messages). */
    void assertValid(String component, JsonNode value) {
        assertValid(JSON.createObjectNode().put("$ref", "#/components/schemas/" + component), value, component);
    }

    private static void anchor(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("$ref").asText().startsWith("#/")) {
                object.put("$ref", IRI + object.path("$ref").asText());
            }
            object.forEach(OpenApiSpec::anchor);
        } else if (node.isArray()) {
            node.forEach(OpenApiSpec::anchor);
        }
    }

    private static void closeObjects(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
    }
}
