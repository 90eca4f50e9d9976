package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploads documents of an evaluation manufacturer as a dealer would: the file alone, no metadata;
 * waits for the ingestion job and returns the document.
 */
final class EvalManuals {

    private EvalManuals() {
    }

    static JsonNode upload(Api api, String adminToken, String set, String fileName) {
        Path file = Path.of("src/test/resources/assistant-eval", set, "docs", fileName);
        String type = fileName.endsWith(".md") ? "text/markdown" : fileName.endsWith(".html") ? "text/html"
                : fileName.endsWith(".pdf") ? "application/pdf"
                : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        try {
            DocumentFixtures.Multipart body = DocumentFixtures.multipart(fileName, type, Files.readAllBytes(file));
            JsonNode job = Uploads.done(api, adminToken,
                    api.sendBytes("POST", "/api/v1/documents", body.contentType(), body.body(), adminToken));
            // Every test class has a database of its own: each manual is new to it, so it is created.
            assertThat(job.path("outcome").asText()).as(job.toString()).isEqualTo("created");
            return Uploads.document(api, adminToken, job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
