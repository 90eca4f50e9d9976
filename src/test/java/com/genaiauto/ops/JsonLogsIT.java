package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LOG_FORMAT=json on the packaged jar: the application and request logs are JSON lines a log
 * store can index, with the request id, and no personal data; libraries' Log4j messages land in
 * the same log instead of an error about a missing provider.
 */
@DisplayName("JSON logs")
class JsonLogsIT {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static ServedJar app;

    @BeforeAll
    static void start() throws Exception {
        app = ServedJar.start(DATABASE, REDIS, Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "INFO"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : app.output().lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(Api.JSON.readTree(line));
            } else {
                // Only logback's own status lines (printed before the layouts exist) may be text.
                assertThat(line).as("a log line that is not JSON").matches("^(\\s*|\\d\\d:\\d\\d:\\d\\d,\\d+ \\|-.*)$");
            }
        }
        return lines;
    }

    @Test
    void shouldWriteTheRequestLogAsJsonWithTheRequestId() throws Exception {
        Api.Reply reply = app.api().get("/health/ready", null);
        String requestId = reply.header("X-Request-Id");
        Thread.sleep(500);
        JsonNode request = jsonLines().stream().filter(line -> requestId.equals(line.path("requestId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no request log line with " + requestId + ":\n" + app.output()));
        assertThat(request.path("method").asText()).isEqualTo("GET");
        assertThat(request.path("uri").asText()).isEqualTo("/health/ready");
        assertThat(request.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void shouldWriteTheApplicationLogAsJsonWithoutPersonalData() throws Exception {
        List<JsonNode> lines = jsonLines();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger").asText()).isNotBlank();
            assertThat(line.path("message").asText()).startsWith("Created the first administrator account");
        });
        assertThat(app.output()).doesNotContain(Accounts.ADMIN_EMAIL)
                .doesNotContain("Log4j API could not find a logging provider");
    }
}
