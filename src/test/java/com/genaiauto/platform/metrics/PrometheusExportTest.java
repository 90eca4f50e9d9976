package com.genaiauto.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.testing.Processes;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Prometheus export of the Dropwizard registry")
class PrometheusExportTest {

    private final MetricRegistry registry = new MetricRegistry();

    private String scrape() throws IOException {
        StringWriter out = new StringWriter();
        new PrometheusExport(registry).write(out);
        return out.toString();
    }

    @Nested
    @DisplayName("names and labels")
    class Mapping {

        @Test
        void shouldMergeMetricsMappedToOneNameIntoOneFamily() throws IOException {
            registry.gauge("llm.circuit_state.openrouter", () -> (Gauge<Integer>) () -> 0);
            registry.gauge("llm.circuit_state.anthropic", () -> (Gauge<Integer>) () -> 1);

            String text = scrape();

            assertThat(text).containsOnlyOnce("# TYPE llm_circuit_state gauge")
                    .contains("llm_circuit_state{provider=\"openrouter\",} 0.0")
                    .contains("llm_circuit_state{provider=\"anthropic\",} 1.0");
        }

        @Test
        void shouldExportCountersAsCountersWithTheirLabels() throws IOException {
            registry.counter("llm.requests.openrouter.claude-3_5-haiku.success").inc(3);
            registry.counter("llm.requests.openrouter.claude-3_5-haiku.error").inc();
            registry.counter("cache.operations.hit.llm_response").inc(2);

            String text = scrape();

            assertThat(text).containsOnlyOnce("# TYPE llm_requests_total counter")
                    .contains("llm_requests_total{provider=\"openrouter\",model=\"claude-3_5-haiku\",status=\"success\",} 3.0")
                    .contains("llm_requests_total{provider=\"openrouter\",model=\"claude-3_5-haiku\",status=\"error\",} 1.0")
                    .contains("# TYPE cache_operations_total counter")
                    .contains("cache_operations_total{operation=\"hit\",cache_type=\"llm_response\",} 2.0")
                    .contains("# HELP llm_requests_total Model calls by provider, model and outcome");
        }

        @Test
        void shouldExportTimersAsSummariesInSeconds() throws IOException {
            registry.timer("llm.latency.openrouter.m1").update(1500, TimeUnit.MILLISECONDS);

            String text = scrape();

            assertThat(text).contains("# TYPE llm_latency_seconds summary")
                    .contains("llm_latency_seconds{provider=\"openrouter\",model=\"m1\",quantile=\"0.95\",} 1.5")
                    .contains("llm_latency_seconds_count{provider=\"openrouter\",model=\"m1\",} 1.0");
        }

        @Test
        void shouldScalePermilleHistogramsToRatiosButNotTheirCounts() throws IOException {
            registry.histogram("rag.similarity_score").update(870);
            registry.histogram("agent.routing_confidence").update(420);

            String text = scrape();

            assertThat(text).contains("rag_similarity_score{quantile=\"0.5\",} 0.87")
                    .contains("rag_similarity_score_count 1.0")
                    .contains("agent_routing_confidence{quantile=\"0.99\",} 0.42");
        }

        @Test
        void shouldKeepUnmappedMetricsUnderTheirSanitisedNames() throws IOException {
            registry.counter("jdbi.some-thing.calls").inc();

            assertThat(scrape()).contains("jdbi_some_thing_calls 1.0");
        }
    }

    @Nested
    @DisplayName("name convention")
    class Convention {

        @Test
        void shouldMakeEveryLabelValueOneSafeSegment() {
            assertThat(PrometheusNames.dropwizardName("llm.requests", "openrouter", "anthropic/claude-3.5-haiku", "success"))
                    .isEqualTo("llm.requests.openrouter.anthropic_claude-3_5-haiku.success");
            assertThat(PrometheusNames.dropwizardName("handoff", (String) null)).isEqualTo("handoff.none");
        }

        @Test
        void shouldFindTheFamilyOfADropwizardName() {
            assertThat(PrometheusNames.forDropwizardName("feedback.positive")).map(PrometheusNames.Family::name)
                    .contains("user_feedback_total");
            assertThat(PrometheusNames.forDropwizardName("task.completion.booking.done"))
                    .map(PrometheusNames.Family::labels).contains(List.of("task", "outcome"));
            assertThat(PrometheusNames.forDropwizardName("handoff.webhook.delivered")).map(PrometheusNames.Family::name)
                    .contains("handoff_webhook_total");
            assertThat(PrometheusNames.forDropwizardName("handoff.safety")).map(PrometheusNames.Family::name)
                    .contains("human_handoff_total");
            assertThat(PrometheusNames.forDropwizardName("jvm.memory.heap.used")).isEmpty();
        }

        @Test
        void shouldGiveEveryFamilyAUniqueValidName() {
            assertThat(PrometheusNames.FAMILIES).extracting(PrometheusNames.Family::name).doesNotHaveDuplicates()
                    .allMatch(name -> name.matches("[a-z_][a-z0-9_]*"));
        }
    }

    @Nested
    @DisplayName("series known at start")
    class Known {

        @Test
        void shouldExportEveryKnownLabelValueAtZeroBeforeTheFirstEvent() throws IOException {
            KnownSeries.counters(registry, "handoff", "safety", "low_confidence");
            KnownSeries.counters(registry, "task.completion", List.of(List.of("booking", "cancel"),
                    List.of("completed", "failed")));

            String text = scrape();

            assertThat(text).contains("# TYPE human_handoff_total counter")
                    .contains("human_handoff_total{reason=\"safety\",} 0.0")
                    .contains("human_handoff_total{reason=\"low_confidence\",} 0.0")
                    .contains("task_completion_total{task=\"booking\",outcome=\"completed\",} 0.0")
                    .contains("task_completion_total{task=\"booking\",outcome=\"failed\",} 0.0")
                    .contains("task_completion_total{task=\"cancel\",outcome=\"completed\",} 0.0")
                    .contains("task_completion_total{task=\"cancel\",outcome=\"failed\",} 0.0");
        }

        @Test
        void shouldKeepTheCountOfACounterAlreadyThere() throws IOException {
            registry.counter("feedback.positive").inc(3);

            KnownSeries.counters(registry, "feedback", "positive", "negative");

            assertThat(scrape()).contains("user_feedback_total{sentiment=\"positive\",} 3.0")
                    .contains("user_feedback_total{sentiment=\"negative\",} 0.0");
        }
    }

    @Test
    void shouldPassPromtoolLint() throws IOException {
        registry.counter("llm.requests.openrouter.m1.success").inc();
        registry.counter("http.errors.404").inc();
        registry.timer("http.requests.GET.api_v1_vehicles_id.2xx").update(5, TimeUnit.MILLISECONDS);
        registry.gauge("llm.cost.openrouter.m1", () -> (Gauge<Double>) () -> 0.25);
        registry.gauge("llm.providers_available", () -> (Gauge<Integer>) () -> 1);
        registry.histogram("rag.similarity_score").update(700);

        Processes.Result lint = Processes.run(List.of("promtool", "check", "metrics"), scrape(), Map.of(),
                Duration.ofSeconds(30));

        assertThat(lint.succeeded()).as(lint.toString()).isTrue();
    }
}
