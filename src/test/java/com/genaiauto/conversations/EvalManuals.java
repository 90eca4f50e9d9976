package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Uploads documents of an evaluation manufacturer as a dealer would: the file alone, no metadata. */
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
            Api.Reply reply = api.sendBytes("POST", "/api/v1/documents", body.contentType(), body.body(), adminToken);
            // Every test class has a database of its own: each manual is new to it, so it is created.
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            return reply.json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
