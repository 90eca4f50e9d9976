package com.genaiauto.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Log layout (LOG_FORMAT)")
class LogLayoutFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoggerContext CONTEXT = new LoggerContext();

    @BeforeAll
    static void masking() {
        PiiLogMasking.install();
        PiiLogMasking.setEnabled(true);
    }

    private static LayoutBase<ILoggingEvent> layout(String format) throws Exception {
        // As config.yml names it: the type is found through Dropwizard's discovery of layouts.
        var factory = io.dropwizard.jackson.Jackson.newObjectMapper().readValue("{\"type\":\"genai\",\"format\":\""
                + format + "\",\"pattern\":\"%level %msg%n\"}", DiscoverableLayoutFactory.class);
        @SuppressWarnings("unchecked")
        LayoutBase<ILoggingEvent> layout = (LayoutBase<ILoggingEvent>) factory.build(CONTEXT, TimeZone.getTimeZone("UTC"));
        layout.setContext(CONTEXT);
        layout.start();
        return layout;
    }

    private static LoggingEvent event(String message, Throwable error) {
        Logger logger = CONTEXT.getLogger("com.genaiauto.conversations.Orchestrator");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, null);
        event.setMDCPropertyMap(Map.of("requestId", "3f2c9a10-aaaa-bbbb-cccc-0123456789ab",
                "userId", "8d1e5c42-1111-2222-3333-444455556666", "route", "POST /api/v1/chat",
                "somethingElse", "not for the log"));
        return event;
    }

    @Nested
    @DisplayName("json")
    class Json {

        @Test
        void shouldWriteOneObjectWithTheRequestUserAndRouteFields() throws Exception {
            String line = layout("json").doLayout(event("Handoff opened for the owner", null));
            assertThat(line).endsWith("\n").doesNotContain("\n{");
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("level").asText()).isEqualTo("WARN");
            assertThat(json.path("logger").asText()).isEqualTo("com.genaiauto.conversations.Orchestrator");
            assertThat(json.path("message").asText()).isEqualTo("Handoff opened for the owner");
            assertThat(json.path("requestId").asText()).isEqualTo("3f2c9a10-aaaa-bbbb-cccc-0123456789ab");
            assertThat(json.path("userId").asText()).isEqualTo("8d1e5c42-1111-2222-3333-444455556666");
            assertThat(json.path("route").asText()).isEqualTo("POST /api/v1/chat");
            assertThat(json.has("somethingElse")).isFalse();
            assertThat(json.path("timestamp").isMissingNode()).isFalse();
        }

        @Test
        void shouldMaskPersonalDataInTheMessageAndTheException() throws Exception {
            String line = layout("json").doLayout(event("Could not reach jane.doe@example.com",
                    new IllegalStateException("rejected jane.doe@example.com")));
            assertThat(line).doesNotContain("jane.doe@example.com");
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("message").asText()).startsWith("Could not reach ");
            assertThat(json.path("exception").asText()).contains("IllegalStateException");
            // Operational facts stay: ids, the route, the timestamp.
            assertThat(json.path("requestId").asText()).isEqualTo("3f2c9a10-aaaa-bbbb-cccc-0123456789ab");
            assertThat(json.path("route").asText()).isEqualTo("POST /api/v1/chat");
        }
    }

    @Nested
    @DisplayName("text")
    class Text {

        @Test
        void shouldFollowThePattern() throws Exception {
            assertThat(layout("text").doLayout(event("Handoff opened", null))).isEqualTo("WARN Handoff opened\n");
        }

        @Test
        void shouldRefuseAnUnknownFormat() {
            assertThatThrownBy(() -> layout("xml")).hasMessage("LOG_FORMAT must be text or json, not 'xml'");
        }
    }
}
