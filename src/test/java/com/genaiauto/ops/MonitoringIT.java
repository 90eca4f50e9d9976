package com.genaiauto.ops;

import com.genaiauto.testing.ServedJar;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.genaiauto.llm.FakeProviders;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.PrometheusServer;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The files under {@code monitoring/} against the real tools and the running service: promtool
 * accepts them and passes the rule unit tests, and a real Prometheus scrapes the service with the
 * production scrape configuration and evaluates the production rules. (Alertmanager's files:
 * {@link AlertmanagerIT}; every metric a rule or a dashboard panel reads, on the first scrapes of
 * the service and the exporters: {@link FirstScrapeIT}.)
 */
@DisplayName("Monitoring: Prometheus, alert rules and Grafana files")
class MonitoringIT {

    static final Path MONITORING = MonitoringFiles.MONITORING;
    static final WireMockServer PROVIDER = FakeProviders.start();

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static ServedJar app;
    static PrometheusServer prometheus;

    /** The packaged jar as in the container (JVM metrics included), after some traffic. */
    @BeforeAll
    static void scrapeAfterTraffic() throws IOException {
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH))
                .willReturn(json(openAiBody("anthropic/claude-3.5-haiku", "Rotate tyres every 10,000 km.", 21, 8))));
        app = ServedJar.start(DATABASE, REDIS, Map.of("OPENROUTER_BASE_URL", PROVIDER.baseUrl() + "/v1",
                "OPENROUTER_API_KEY", "sk-upstream-test"));
        Traffic.generate(app.api());
        // The exporters' jobs stay pointed at their compose names: FirstScrapeIT runs the exporters.
        prometheus = PrometheusServer.start(MonitoringFiles.renderPrometheusConfig(app.port(), Map.of()));
        prometheus.await(() -> prometheus.query("llm_requests_total"), result -> result.size() > 0,
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopAll() {
        if (prometheus != null) {
            prometheus.stop();
        }
        if (app != null) {
            app.close();
        }
        PROVIDER.stop();
    }

    @Nested
    @DisplayName("with the real tools")
    class Tools {

        @Test
        void shouldPassPromtoolCheckConfig() {
            Processes.Result check = Processes.run(List.of("promtool", "check", "config", MONITORING.resolve("prometheus.yml").toString()));
            assertThat(check.succeeded()).as(check.toString()).isTrue();
            assertThat(check.output()).contains("SUCCESS: 1 rule files found");
        }

        @Test
        void shouldPassPromtoolCheckRules() throws IOException {
            for (Path rules : ruleFiles()) {
                Processes.Result check = Processes.run(List.of("promtool", "check", "rules", rules.toString()));
                assertThat(check.succeeded()).as(check.toString()).isTrue();
            }
        }

        @Test
        void shouldPassTheRuleUnitTests() throws IOException {
            List<Path> tests = ruleTests();
            assertThat(tests).extracting(Path::getFileName).map(Path::toString)
                    .contains("genai-auto.test.yml", "infrastructure.test.yml");
            for (Path file : tests) {
                Processes.Result test = Processes.run(List.of("promtool", "test", "rules", file.toString()));
                assertThat(test.succeeded()).as(test.toString()).isTrue();
                assertThat(test.output()).contains("SUCCESS");
            }
        }

        @Test
        void shouldTestEveryAlertInTheRuleUnitTests() throws IOException {
            StringBuilder tests = new StringBuilder();
            for (Path file : ruleTests()) {
                tests.append(Files.readString(file));
            }
            for (JsonNode rule : alertRules()) {
                assertThat(tests.toString()).as("a promtool test of %s in monitoring/tests", rule.path("alert").asText())
                        .contains("alertname: " + rule.path("alert").asText() + "\n");
            }
        }
    }

    @Nested
    @DisplayName("with a real Prometheus scraping the service")
    class Scraping {

        @Test
        void shouldScrapeTheServiceThroughTheProductionScrapeConfig() {
            JsonNode up = prometheus.query("up{job=\"genai-auto\"}");
            assertThat(up).hasSize(1);
            assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
        }

        @Test
        void shouldServeTheTextFormatThatPromtoolAccepts() {
            Api.Reply scrape = app.api().get("/api/v1/metrics", null);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");

            Processes.Result lint = Processes.run(List.of("promtool", "check", "metrics"), scrape.text(), Map.of(),
                    Duration.ofSeconds(30));

            // Exit 3 is style advice only, which Dropwizard's own JVM and Jetty names draw
            // (camelCase, "_count" gauges); the service's own families must draw none.
            assertThat(lint.exitCode()).as(lint.toString()).isIn(0, 3);
            assertThat(lint.output()).doesNotContain("error while linting");
            for (PrometheusNames.Family family : PrometheusNames.FAMILIES) {
                assertThat(lint.output().lines()).as(lint.output())
                        .noneMatch(line -> line.startsWith(family.name() + " ") || line.startsWith(family.name() + "_"));
            }
        }

        @Test
        void shouldExportModelCallsWithBoundedLabels() {
            JsonNode calls = prometheus.query("llm_requests_total");
            assertThat(calls).isNotEmpty();
            for (JsonNode series : calls) {
                assertThat(labelNames(series)).contains("provider", "model", "status");
            }
            assertThat(value(prometheus.query("llm_requests_total{provider=\"openrouter\","
                    + "model=\"anthropic_claude-3_5-haiku\",status=\"success\"}"))).isNotEqualTo("0");
            assertThat(prometheus.query("llm_tokens_total{type=\"prompt\"}")).isNotEmpty();
            assertThat(prometheus.query("llm_tokens_total{type=\"completion\"}")).isNotEmpty();
            assertThat(prometheus.query("llm_latency_seconds{quantile=\"0.95\"}")).isNotEmpty();
            assertThat(prometheus.query("llm_circuit_state{provider=\"openrouter\"}")).hasSize(1);
            assertThat(prometheus.query("cache_operations_total{operation=\"hit\",cache_type=\"llm_response\"}")).hasSize(1);
            assertThat(prometheus.query("cache_operations_total{operation=\"miss\",cache_type=\"llm_response\"}")).hasSize(1);
            // Spend by provider and model, as the README promises (the fake provider's model has a price).
            assertThat(prometheus.query("llm_cost_dollars_total{provider=\"openrouter\",model=\"anthropic_claude-3_5-haiku\"}"))
                    .hasSize(1);
            assertThat(value(prometheus.query("llm_providers_configured"))).isEqualTo("1");
            assertThat(value(prometheus.query("llm_providers_available"))).isEqualTo("1");
        }

        @Test
        void shouldExportRequestLatencyByRouteTemplateNotConcretePath() {
            JsonNode routes = prometheus.query("request_latency_seconds_count");
            Set<String> seen = new TreeSet<>();
            routes.forEach(series -> seen.add(series.path("metric").path("route").asText()));
            assertThat(seen).contains("v1_chat_completions", "api_v1_auth_login", "api_v1_vehicles_id", "unmatched");
            assertThat(seen).noneMatch(route -> route.matches(".*[0-9a-f]{8}-[0-9a-f]{4}.*"));
            assertThat(prometheus.query("http_errors_total{status=\"404\"}")).hasSize(1);
            assertThat(prometheus.query("request_latency_seconds{quantile=\"0.95\",method=\"POST\",status_class=\"2xx\"}"))
                    .isNotEmpty();
        }

        @Test
        void shouldExportDependencyHealth() {
            assertThat(value(prometheus.query("dependency_up{dependency=\"database\"}"))).isEqualTo("1");
            assertThat(value(prometheus.query("dependency_up{dependency=\"redis\"}"))).isEqualTo("1");
        }

        @Test
        void shouldExportJvmAndJettyMetrics() {
            assertThat(prometheus.query("jvm_memory_heap_used")).isNotEmpty();
            assertThat(prometheus.query("org_eclipse_jetty_util_thread_QueuedThreadPool_dw_utilization")).isNotEmpty();
        }

        @Test
        void shouldLoadAndEvaluateEveryProductionRule() throws IOException {
            JsonNode groups = prometheus.await(() -> prometheus.api("rules").path("groups"),
                    loaded -> loaded.size() > 0 && allEvaluated(loaded), Duration.ofSeconds(20));
            List<String> loaded = new ArrayList<>();
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    loaded.add(rule.path("name").asText());
                    assertThat(rule.path("health").asText()).as("%s: %s", rule.path("name").asText(),
                            rule.path("lastError").asText()).isEqualTo("ok");
                }
            }
            assertThat(loaded).containsExactlyInAnyOrderElementsOf(alertRules().stream()
                    .map(rule -> rule.path("alert").asText()).toList());
            // The service is up and healthy, so the availability alerts stay quiet.
            assertThat(prometheus.query("ALERTS{alertname=~\"GenAiAutoApiDown|GenAiAutoDatabaseDown|GenAiAutoRedisDown\"}"))
                    .isEmpty();
        }

        private static boolean allEvaluated(JsonNode groups) {
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.path("lastEvaluation").asText().startsWith("0001-")) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    @Nested
    @DisplayName("Grafana provisioning")
    class Grafana {

        @Test
        void shouldProvisionThePrometheusDatasourceTheDashboardsUse() throws IOException {
            JsonNode datasources = new YAMLMapper().readTree(
                    MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
            JsonNode prometheusSource = datasources.path("datasources").get(0);
            assertThat(prometheusSource.path("type").asText()).isEqualTo("prometheus");
            assertThat(prometheusSource.path("url").asText()).isEqualTo("http://prometheus:9090");
            String uid = prometheusSource.path("uid").asText();
            for (Path dashboard : dashboards()) {
                JsonNode json = Api.JSON.readTree(dashboard.toFile());
                assertThat(json.path("uid").asText()).isNotBlank();
                for (JsonNode panel : json.path("panels")) {
                    assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(uid);
                }
            }
        }

        @Test
        void shouldLoadDashboardsFromTheDirectoryTheMetricsOverlayMounts() throws IOException {
            JsonNode provider = new YAMLMapper().readTree(
                    MONITORING.resolve("grafana/provisioning/dashboards/genai-auto.yml").toFile()).path("providers").get(0);
            assertThat(provider.path("type").asText()).isEqualTo("file");
            String path = provider.path("options").path("path").asText();
            String overlay = Files.readString(Path.of("docker-compose.metrics.yml"));
            assertThat(overlay).contains("./monitoring/grafana/dashboards:" + path);
            assertThat(dashboards()).isNotEmpty();
        }
    }

    private static List<JsonNode> alertRules() throws IOException {
        return MonitoringFiles.alertRules();
    }

    private static List<Path> ruleFiles() throws IOException {
        return MonitoringFiles.ruleFiles();
    }

    private static List<Path> ruleTests() throws IOException {
        return MonitoringFiles.ruleTests();
    }

    private static List<Path> dashboards() throws IOException {
        return MonitoringFiles.dashboards();
    }

    private static Set<String> labelNames(JsonNode series) {
        Set<String> names = new TreeSet<>();
        series.path("metric").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String value(JsonNode result) {
        assertThat(result).hasSize(1);
        return result.get(0).path("value").get(1).asText();
    }
}
