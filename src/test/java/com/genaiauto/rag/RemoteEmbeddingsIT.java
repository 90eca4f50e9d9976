package com.genaiauto.rag;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.Uploads;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Embeddings from an OpenAI-compatible /embeddings endpoint (a real HTTP fake)")
class RemoteEmbeddingsIT {

    static final WireMockServer EMBEDDINGS = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        EMBEDDINGS.start();
    }

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("rag.embeddingBaseUrl", EMBEDDINGS.baseUrl() + "/v1")
            .set("rag.embeddingApiKey", "sk-embeddings-test")
            .set("rag.embeddingModel", "nomic-embed-text-v1.5")
            .set("rag.embeddingDimension", "384")
            .set("rag.embeddingQueryPrefix", "search_query: ")
            .set("rag.embeddingPassagePrefix", "search_document: "));

    @AfterAll
    static void stop() {
        EMBEDDINGS.stop();
    }

    /**
     * One vector for each input of the request, as the real endpoint answers (all the same
     * direction: enough to prove the wiring, not the ranking); a templated response counts them.
     */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder vectors(int dimension) {
        String vector = "[" + String.join(",", Collections.nCopies(dimension, "0.5")) + "]";
        return aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"object\":\"list\",\"data\":[{{#each (jsonPath request.body '$.input') as |input|}}"
                        + "{{#unless @first}},{{/unless}}{\"object\":\"embedding\",\"index\":{{@index}},\"embedding\":"
                        + vector + "}{{/each}}],\"model\":\"nomic-embed-text-v1.5\","
                        + "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}");
    }

    @BeforeEach
    void answerWithVectors() {
        EMBEDDINGS.resetAll();
        EMBEDDINGS.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(containing("search_query: "))
                .willReturn(vectors(384)));
        EMBEDDINGS.stubFor(post(urlEqualTo("/v1/embeddings")).withRequestBody(containing("search_document: "))
                .willReturn(vectors(384)));
    }

    @Test
    void shouldEmbedDocumentsAndQueriesThroughTheEndpoint() {
        Api api = APP.api();
        String admin = new Accounts(api).admin().accessToken();
        JsonNode created = Uploads.done(api, admin, api.post("/api/v1/documents", Map.of("title", "Remote",
                "sourceName", "remote-doc", "content", "The remote guide says the washer fluid holds 4 litres."), admin));
        assertThat(Uploads.document(api, admin, created).path("embeddingModel").asText())
                .isEqualTo("nomic-embed-text-v1.5");

        Api.Reply found = api.post("/api/v1/search", Map.of("query", "washer fluid capacity"), admin);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("results").get(0).path("sourceName").asText()).isEqualTo("remote-doc");

        EMBEDDINGS.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withHeader("Authorization", equalTo("Bearer sk-embeddings-test"))
                .withRequestBody(containing("\"model\":\"nomic-embed-text-v1.5\""))
                .withRequestBody(containing("search_document: ")));
        EMBEDDINGS.verify(postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing("search_query: washer")));
    }

    @Test
    void shouldFailTheJobAndStoreNothingWhenTheEndpointReturnsTheWrongDimension() {
        EMBEDDINGS.resetAll();
        EMBEDDINGS.stubFor(post(urlEqualTo("/v1/embeddings"))
                .willReturn(vectors(768)));
        Api api = APP.api();
        String admin = new Accounts(api).admin().accessToken();
        JsonNode rejected = Uploads.finished(api, admin, api.post("/api/v1/documents", Map.of("title", "Wrong",
                "sourceName", "wrong-dimension", "content", "Any text at all."), admin));
        assertThat(rejected.path("status").asText()).isEqualTo("failed");
        assertThat(rejected.path("error").path("code").asText()).isEqualTo("embedding_unavailable");
        assertThat(rejected.path("error").path("message").asText()).contains("768").doesNotContain("Exception");
        assertThat(api.get("/api/v1/documents?limit=100", admin).text()).doesNotContain("wrong-dimension");
    }
}
