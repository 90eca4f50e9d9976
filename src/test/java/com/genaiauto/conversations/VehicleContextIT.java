package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Uploads;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The owner's vehicle decides which manual answers")
class VehicleContextIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static Api api;
    private static Accounts accounts;
    private static String admin;

    @BeforeAll
    static void seed() {
        api = APP.api();
        accounts = new Accounts(api);
        admin = accounts.admin().accessToken();
        APP.task("kb-seed", "");
        // Registered first: the knowledge base then knows the model when its manuals arrive.
        anOwnerOf("Norvane", "Lumora", "electric");
        EvalManuals.upload(api, admin, "brand-a", "lumora-tires-wheels.html");
        EvalManuals.upload(api, admin, "brand-a", "lumora-charging.md");
    }

    private static Owner anOwnerOf(String make, String model, String powertrain) {
        Accounts.Session session = accounts.aCustomer().register();
        UUID vehicle = session.aVehicle().ofModel(make, model, powertrain).create();
        return new Owner(session, vehicle, new ChatClient(api, APP.port(), session.accessToken()));
    }

    private record Owner(Accounts.Session session, UUID vehicle, ChatClient chat) {
    }

    private static JsonNode document(String sourceName) {
        JsonNode list = api.get("/api/v1/documents?limit=100", admin).json();
        for (JsonNode document : list.path("items")) {
            if (document.path("sourceName").asText().equals(sourceName)) {
                return api.get("/api/v1/documents/" + document.path("id").asText(), admin).json();
            }
        }
        throw new AssertionError(sourceName + " is not in the knowledge base");
    }

    @Nested
    @DisplayName("documents tied to vehicles")
    class Documents {

        @Test
        void shouldTieAnUploadedManualWithoutMetadataToItsModel() {
            JsonNode document = document("lumora-tires-wheels.html");
            assertThat(document.path("make").asText()).isEqualTo("Norvane");
            assertThat(document.path("model").asText()).isEqualTo("Lumora");
            assertThat(document.path("vehicleOrigin").asText()).isEqualTo("inferred");
        }

        @Test
        void shouldTieAManualUploadedBeforeItsOwnersOnceTheirModelIsRegistered() {
            EvalManuals.upload(api, admin, "brand-a", "halden-hybrid-system-charging.html");
            assertThat(document("halden-hybrid-system-charging.html").path("model").isNull()).isTrue();
            anOwnerOf("Norvane", "Halden", "plug_in_hybrid");
            JsonNode document = document("halden-hybrid-system-charging.html");
            assertThat(document.path("model").asText()).isEqualTo("Halden");
            assertThat(document.path("make").asText()).isEqualTo("Norvane");
        }

        @Test
        void shouldKeepAnAdministratorsWordUntilItIsCleared() {
            String id = EvalManuals.upload(api, admin, "brand-a", "owner-faq.md").path("id").asText();
            Api.Reply set = api.send("PUT", "/api/v1/documents/" + id + "/vehicle",
                    Map.of("make", "Norvane", "model", "Lumora", "yearFrom", 2024, "yearTo", 2026), admin);
            assertThat(set.status()).isEqualTo(200);
            assertThat(set.json().path("vehicleOrigin").asText()).isEqualTo("admin");
            assertThat(set.json().path("yearFrom").asInt()).isEqualTo(2024);
            APP.task("kb-retag", "");
            assertThat(document("owner-faq.md").path("model").asText()).isEqualTo("Lumora");
            // A new version that says nothing of its vehicle keeps the administrator's word.
            JsonNode replaced = Uploads.done(api, admin, api.post("/api/v1/documents", Map.of("title", "Owner FAQ",
                    "sourceName", "owner-faq.md", "contentType", "text/markdown",
                    "content", "# Owner FAQ\n\nQ: Which key battery? A: CR2032."), admin));
            assertThat(replaced.path("outcome").asText()).isEqualTo("updated");
            assertThat(replaced.path("documentId").asText()).isEqualTo(id);
            assertThat(Uploads.document(api, admin, replaced).path("vehicleOrigin").asText()).isEqualTo("admin");
            assertThat(Uploads.document(api, admin, replaced).path("model").asText()).isEqualTo("Lumora");

            JsonNode cleared = api.delete("/api/v1/documents/" + id + "/vehicle", admin).json();
            assertThat(cleared.path("vehicleOrigin").asText()).isIn("inferred", "none");
            assertThat(cleared.path("model").isNull()).as("a FAQ for every model is general").isTrue();
            assertThat(api.send("PUT", "/api/v1/documents/" + id + "/vehicle", Map.of("yearFrom", 2026, "yearTo", 2020),
                    admin).status()).isEqualTo(422);
        }

        @Test
        void shouldReadTheFrontMatterOfAnUploadedMarkdownFile() {
            Api.Reply reply = api.post("/api/v1/documents", Map.of("title", "ignored", "contentType", "text/markdown",
                    "sourceName", "front-matter-test", "content", """
                            ---
                            title: Aster — Wiper blades
                            type: manual
                            make: Aster
                            model: Volt
                            years: 2020-2022
                            ---
                            # Wiper blades

                            Replace the Aster Volt's wiper blades every 12 months; the driver's blade is 650 mm long.
                            """), admin);
            JsonNode document = Uploads.document(api, admin, Uploads.done(api, admin, reply));
            assertThat(document.path("vehicleOrigin").asText()).isEqualTo("front_matter");
            assertThat(document.path("model").asText()).isEqualTo("Volt");
            assertThat(document.path("yearFrom").asInt()).isEqualTo(2020);
            assertThat(document.path("yearTo").asInt()).isEqualTo(2022);
        }
    }

    @Nested
    @DisplayName("answers")
    class Answers {

        @Test
        void shouldAnswerTheSameQuestionFromEachOwnersOwnMake() {
            Owner kestrel = anOwnerOf("Kestrel", "Volta", "electric");
            Owner norvane = anOwnerOf("Norvane", "Lumora", "electric");
            JsonNode volta = kestrel.chat().send("what tire pressure should I run?", null, kestrel.vehicle());
            JsonNode lumora = norvane.chat().send("what tire pressure should I run?", null, norvane.vehicle());
            assertThat(volta.path("sources").path(0).path("sourceName").asText()).isEqualTo("tyre-pressures-and-rotation");
            assertThat(volta.path("answer").asText()).contains("250 kPa").doesNotContain("42 psi (290 kPa)");
            assertThat(lumora.path("sources").path(0).path("sourceName").asText()).isEqualTo("lumora-tires-wheels.html");
            assertThat(lumora.path("answer").asText()).contains("42 psi");
            assertThat(lumora.path("sources").toString()).doesNotContain("tyre-pressures-and-rotation");
        }

        @Test
        void shouldAskWhichCarWhenTheOwnersCarsAnswerDifferently() {
            Accounts.Session session = accounts.aCustomer().register();
            session.aVehicle().ofModel("Kestrel", "Volta", "electric").create();
            session.aVehicle().ofModel("Norvane", "Lumora", "electric").create();
            ChatClient chat = new ChatClient(api, APP.port(), session.accessToken());
            JsonNode question = chat.send("what tire pressure should I run?", null);
            assertThat(question.path("answer").asText()).contains("Volta").contains("Lumora").endsWith("?");
            assertThat(question.path("handoff").asBoolean()).isFalse();
            JsonNode answer = chat.send("the Lumora", UUID.fromString(question.path("sessionId").asText()));
            assertThat(answer.path("answer").asText()).contains("42 psi");
            JsonNode conversation = api.get("/api/v1/conversations/" + question.path("sessionId").asText(),
                    session.accessToken()).json().path("conversation");
            assertThat(conversation.path("vehicleId").asText()).isNotBlank();
        }

        @Test
        void shouldSayWhichModelAnAnswerIsForWhenTheOwnerAsksAboutAnother() {
            Owner norvane = anOwnerOf("Norvane", "Lumora", "electric");
            JsonNode reply = norvane.chat().send("what tyre pressure does the Volta need?", null, norvane.vehicle());
            assertThat(reply.path("answer").asText()).startsWith("For the Kestrel Volta:").contains("250 kPa");
        }
    }

    @Nested
    @DisplayName("search")
    class Search {

        @Test
        void shouldSearchAnOwnersOwnVehicleByDefault() {
            Owner norvane = anOwnerOf("Norvane", "Lumora", "electric");
            JsonNode results = api.post("/api/v1/search", Map.of("query", "tire pressure", "topK", 10),
                    norvane.session().accessToken()).json();
            assertThat(results.path("filters").path("make").asText()).isEqualTo("Norvane");
            assertThat(results.path("filters").path("model").asText()).isEqualTo("Lumora");
            assertThat(results.path("results")).isNotEmpty();
            results.path("results").forEach(hit -> assertThat(hit.path("make").asText("")).isIn("", "Norvane"));
            JsonNode unfiltered = api.post("/api/v1/search", Map.of("query", "tire pressure", "topK", 10), admin).json();
            assertThat(unfiltered.path("results").toString()).contains("Kestrel");
        }
    }
}
