package com.genaiauto.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.dropwizard.jackson.Jackson;
import io.swagger.v3.core.util.Json31;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OpenAPI document built from resource classes")
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    record Widget(UUID id, @NotNull String name, List<String> tags, int count,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    record NewWidget(@NotNull String name, String colour) {
    }

    @Path("/widgets")
    public static final class WidgetResource {
        @GET
        @Path("/{id}")
        @PermitAll
        public Widget get(@Auth Principal caller, @PathParam("id") UUID id) {
            return null;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @RolesAllowed({"admin", "agent"})
        public Widget create(@Auth Principal caller, NewWidget body) {
            return null;
        }

        @GET
        @Path("/public")
        public List<Widget> open() {
            return List.of();
        }
    }

    private static JsonNode document(Class<?>... resources) throws Exception {
        return JSON.readTree(Json31.mapper().writeValueAsString(
                OpenApiDocument.build(List.of(resources), Set.of(), List.of(), JSON, "test")));
    }

    @Nested
    @DisplayName("operations")
    class Operations {

        @Test
        void shouldStateRolesAndSecurityFromTheAnnotationsJerseyEnforces() throws Exception {
            JsonNode paths = document(WidgetResource.class).path("paths");
            JsonNode create = paths.path("/widgets").path("post");
            assertThat(create.path("x-roles").toString()).isEqualTo("[\"admin\",\"agent\"]");
            assertThat(create.path("security").toString()).isEqualTo("[{\"userToken\":[]}]");
            assertThat(create.path("responses").path("403").path("$ref").asText()).isEqualTo("#/components/responses/Forbidden");
            JsonNode get = paths.path("/widgets/{id}").path("get");
            assertThat(get.path("x-roles").toString()).isEqualTo("[\"*\"]");
            assertThat(get.path("description").asText()).contains("any signed-in user");
            assertThat(get.path("responses").path("404").path("$ref").asText()).isEqualTo("#/components/responses/NotFound");
            JsonNode open = paths.path("/widgets/public").path("get");
            assertThat(open.path("x-roles").toString()).isEqualTo("[]");
            assertThat(open.has("security")).isFalse();
            assertThat(open.path("responses").has("401")).isFalse();
        }

        @Test
        void shouldNotTakeTheSignedInCallerForARequestBody() throws Exception {
            JsonNode create = document(WidgetResource.class).path("paths").path("/widgets").path("post");
            assertThat(create.path("requestBody").path("content").path("application/json").path("schema")
                    .path("$ref").asText()).isEqualTo("#/components/schemas/OpenApiDocumentTest.NewWidget");
            assertThat(document(WidgetResource.class).path("paths").path("/widgets/{id}").path("get")
                    .path("parameters")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("schemas")
    class Schemas {

        @Test
        void shouldMarkWhatMayBeNullAndWhatAnAnswerAlwaysCarries() throws Exception {
            JsonNode widget = document(WidgetResource.class).path("components").path("schemas")
                    .path("OpenApiDocumentTest.Widget");
            assertThat(widget.path("properties").path("id").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
            assertThat(widget.path("properties").path("name").path("type").asText()).isEqualTo("string");
            assertThat(widget.path("properties").path("tags").path("type").asText()).isEqualTo("array");
            assertThat(widget.path("properties").path("count").path("type").asText()).isEqualTo("integer");
            // Answered only: every property it always writes is required; the omitted-when-null one is not.
            assertThat(widget.path("required").toString()).contains("\"id\"", "\"name\"", "\"tags\"", "\"count\"")
                    .doesNotContain("\"note\"");
            JsonNode request = document(WidgetResource.class).path("components").path("schemas")
                    .path("OpenApiDocumentTest.NewWidget");
            assertThat(request.path("required").toString()).isEqualTo("[\"name\"]");
        }

        @Test
        void shouldRefuseTwoTypesUnderOneName() {
            SchemaNames names = new SchemaNames();
            names.nameForType(JSON.constructType(Widget.class));
            assertThat(names.classOf("OpenApiDocumentTest.Widget")).isEqualTo(Widget.class);
            assertThatThrownBy(() -> names.nameForType(JSON.constructType(Other.Widget.class)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("OpenApiDocumentTest.Widget");
        }
    }

    @Test
    void shouldReadIdentifiersAsWords() {
        assertThat(ApiOperations.words("addHistory")).isEqualTo("Add history");
        assertThat(ApiOperations.tagOf(WidgetResource.class)).isEqualTo("Widget");
        assertThat(ApiOperations.words("ApiKey")).isEqualTo("API key");
        assertThat(ApiOperations.words("LlmStatus")).isEqualTo("LLM status");
    }

    /** A second type whose nested name clashes with {@link Widget}'s once written as {@code Outer.Inner}. */
    static final class Other {
        @io.swagger.v3.oas.annotations.media.Schema(name = "OpenApiDocumentTest.Widget")
        record Widget(String name) {
        }
    }
}
