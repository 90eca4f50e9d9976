package com.genaiauto.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fresh install without any provider key, with the bundled manuals loaded: the README's gateway
 * example, sent as written, answers from the manuals and says that it is extractive.
 */
@DisplayName("Gateway on a fresh install without any provider key")
class KeylessGatewayIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final Pattern README_EXAMPLE = Pattern.compile(
            "curl -s localhost:8080(/v1/chat/completions) .*?\\n\\s*-d '(\\{.*?})'", Pattern.DOTALL);

    private static String key;
    private final Api api = new Api(APP.port());

    @BeforeAll
    static void loadTheManualsAndCreateAKey() {
        assertThat(APP.task("kb-seed", "")).contains("created");
        Api api = new Api(APP.port());
        Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "first client"),
                new Accounts(api).admin().accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        key = created.field("key");
    }

    @Test
    void shouldAnswerTheReadmesGatewayExampleFromTheManuals() throws IOException {
        Matcher example = README_EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        assertThat(example.find()).as("the gateway curl example in README.md").isTrue();
        JsonNode body = new ObjectMapper().readTree(example.group(2));

        Api.Reply reply = api.sendBytes("POST", example.group(1), "application/json",
                example.group(2).getBytes(java.nio.charset.StandardCharsets.UTF_8), key);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("model").asText()).isEqualTo(body.path("model").asText());
        String answer = reply.json().path("choices").path(0).path("message").path("content").asText();
        assertThat(answer).startsWith("(Extractive answer: quoted from the manuals, with their sources; "
                + "no language model wrote it.)");
        assertThat(answer).contains("[1: Tyre pressures, rotation and tyre care");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("rotat");
    }

    @Test
    void shouldListOnlyWhatAnswersWithoutAKey() {
        Api.Reply models = api.get("/v1/models", key);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.json().path("data").findValuesAsText("id")).containsExactly("extractive", "bge-small-en-v1.5");
    }

    @Test
    void shouldAnswerAnAliasWithoutAnyDeploymentAsAnUnknownModel() {
        Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "hello"))), key);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("model_not_found");
        assertThat(reply.header("Retry-After")).isNull();
    }

    @Test
    void shouldSaySoWhenTheManualsHoldNothingOnTheQuestion() {
        Api.Reply reply = api.post("/v1/chat/completions", Map.of("model", "extractive",
                "messages", List.of(Map.of("role", "user", "content", "Who won the 1966 football world cup?"))), key);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("choices").path(0).path("message").path("content").asText())
                .contains("found no passage in the manuals");
    }
}
