package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.ProbeResourcesApplication;
import com.genaiauto.testing.RunningApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin port's tasks fail loudly, in the service's error JSON, and say what they do. */
@DisplayName("Admin task responses")
class AdminTaskResponsesIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.of(ProbeResourcesApplication.class);

    @Nested
    @DisplayName("failures")
    class Failures {

        @Test
        void shouldAnswer400WithTheParameterProblemForABadParameter() {
            Api.Reply reply = APP.taskReply("POST", "llm-circuit", "provider=nowhere&action=open");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.raw().headers().firstValue("content-type")).hasValue("application/json");
            assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
            assertThat(reply.json().path("error").path("message").asText()).startsWith("pass provider=<name>, one of ");
        }

        @Test
        void shouldAnswer400ForAMissingParameter() {
            Api.Reply reply = APP.taskReply("POST", "customer-erase", "");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").path("message").asText()).isEqualTo("pass user=<user id>");
        }

        @Test
        void shouldAnswer404ForAnUnknownTask() {
            Api.Reply reply = APP.taskReply("POST", "no-such-task", "");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("unknown_task");
        }

        @Test
        void shouldAnswer500WithoutEchoingTheExceptionWhenATaskBreaks() {
            Api.Reply reply = APP.taskReply("POST", "test-explode", "");
            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.errorCode()).isEqualTo("task_failed");
            assertThat(reply.text()).doesNotContain("jdbc", "10.0.0.5", "half a report", "IllegalStateException");
        }

        @Test
        void shouldStillAnswer200WithTheReportWhenATaskSucceeds() {
            Api.Reply reply = APP.taskReply("POST", "cache-flush", "kind=all");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).contains("entries");
        }
    }

    @Nested
    @DisplayName("the task list")
    class Listing {

        @Test
        void shouldDescribeEveryTaskAndItsParameters() {
            Api.Reply reply = APP.taskReply("GET", "", "");
            assertThat(reply.status()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            for (JsonNode task : reply.json().path("tasks")) {
                names.add(task.path("name").asText());
                assertThat(task.path("description").asText()).as(task.toString()).isNotBlank();
            }
            assertThat(names).contains("cache-flush", "conversation-purge", "customer-erase", "demo-seed", "kb-reindex",
                    "kb-retag", "kb-seed", "llm-budget-reset", "llm-circuit", "llm-provider", "gc", "log-level");
            JsonNode circuit = reply.json().path("tasks").findParents("name").stream()
                    .filter(task -> task.path("name").asText().equals("llm-circuit")).findFirst().orElseThrow();
            assertThat(circuit.path("parameters").findValuesAsText("name")).containsExactly("provider", "action");
            assertThat(circuit.path("parameters").findValuesAsText("required")).containsExactly("true", "true");
        }
    }
}
