package com.genaiauto.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.llm.FakeProviders;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production alert rules evaluated by {@code promtool test rules} on series built from real
 * scrapes of the service: one while its provider answers, one after the provider failed until its
 * breaker opened. A rule whose expression cannot be true on what the service really exports (a
 * label it does not carry, a series that hides the outage) fails here, not in production.
 */
@DisplayName("Alert rules on real scrapes of the service")
class AlertsOnRealScrapeIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final Path RULES = Path.of("monitoring", "rules", "genai-auto.yml").toAbsolutePath();
    static final String INSTANCE = "api-1:8080";

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test"));

    static String healthy;
    static String providersDown;

    @BeforeAll
    static void scrapeHealthyThenWithTheProviderDown() {
        FakeProviders.stubAnsweringAndFailing(PROVIDER, "anthropic/claude-3.5-haiku", "none");
        Api api = new Api(APP.port());
        Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "alerts"),
                new Accounts(api).admin().accessToken());
        String key = created.field("key");
        Map<String, Object> question = Map.of("model", "balanced",
                "messages", List.of(Map.of("role", "user", "content", "How often should I rotate my tyres?")));
        assertThat(api.post("/v1/chat/completions", question, key).status()).isEqualTo(200);
        healthy = scrape(api);

        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).willReturn(FakeProviders.status(500)));
        for (int call = 0; call < 10 && !breakerOpen(api); call++) {
            assertThat(api.post("/v1/chat/completions", question, key).status()).isEqualTo(503);
        }
        assertThat(breakerOpen(api)).as("the provider's breaker opened after its failures").isTrue();
        providersDown = scrape(api);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void shouldFireEveryProviderDownAndBreakerOpenWhenTheOnlyProviderFails() throws IOException {
        String test = """
                  - name: the provider failed until its breaker opened
                    interval: 1m
                    input_series:
                %s
                    alert_rule_test:
                      - eval_time: 5m
                        alertname: GenAiAutoAllProvidersDown
                        exp_alerts:
                          - exp_labels: {severity: critical, service: genai-auto, instance: "%s", job: genai-auto}
                            exp_annotations:
                              summary: 'Every model provider is unavailable on %s'
                              description: 'Owners get extractive answers quoted from the manuals only.'
                      - eval_time: 5m
                        alertname: GenAiAutoCircuitBreakerOpen
                        exp_alerts:
                          - exp_labels: {severity: warning, service: genai-auto, provider: openrouter}
                            exp_annotations:
                              summary: 'Circuit breaker of openrouter is open'
                              description: 'Calls skip this provider. Reset with POST :8081/tasks/llm-circuit?provider=openrouter&action=reset once it recovered.'
                """.formatted(series(providersDown), INSTANCE, INSTANCE);
        Processes.Result result = promtool(test);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
    }

    @Test
    void shouldKeepEveryAlertButTheWatchdogQuietWhileTheServiceIsHealthy() throws IOException {
        StringBuilder quiet = new StringBuilder();
        for (String alert : alertNames()) {
            quiet.append("      - eval_time: 10m\n        alertname: ").append(alert).append("\n        exp_alerts:");
            if (alert.equals("Watchdog")) {
                // Always firing, whatever is scraped: the dead man's switch hears it every minute.
                JsonNode watchdog = MonitoringFiles.alertRules().stream()
                        .filter(rule -> rule.path("alert").asText().equals("Watchdog")).findFirst().orElseThrow();
                quiet.append("\n          - exp_labels: ").append(Api.JSON.writeValueAsString(watchdog.path("labels")))
                        .append("\n            exp_annotations: ").append(Api.JSON.writeValueAsString(watchdog.path("annotations")))
                        .append("\n");
            } else {
                quiet.append(" []\n");
            }
        }
        String test = """
                  - name: a healthy service
                    interval: 1m
                    input_series:
                %s
                    alert_rule_test:
                %s""".formatted(series(healthy), quiet);
        Processes.Result result = promtool(test);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
    }

    private static Processes.Result promtool(String tests) throws IOException {
        Path dir = Files.createTempDirectory("alerts-on-scrape-");
        Path file = dir.resolve("scrape.test.yml");
        Files.writeString(file, "rule_files:\n  - " + RULES + "\nevaluation_interval: 1m\ntests:\n" + tests);
        return Processes.run(List.of("promtool", "test", "rules", file.toString()));
    }

    /**
     * The service's own families of a scrape as promtool input series, each sample held for 15
     * minutes, with the labels Prometheus adds ({@code instance}, {@code job}) and {@code up}.
     */
    static String series(String scrape) {
        List<String> lines = new ArrayList<>();
        lines.add(line("up{job=\"genai-auto\", instance=\"" + INSTANCE + "\"}", "1"));
        for (String sample : scrape.lines().toList()) {
            if (sample.startsWith("#") || sample.isBlank() || !ownFamily(sample)) {
                continue;
            }
            int split = sample.lastIndexOf(' ');
            // The exposition format allows a trailing comma in a label set; a series selector does not.
            String metric = sample.substring(0, split).replace(",}", "}");
            String added = "instance=\"" + INSTANCE + "\", job=\"genai-auto\"";
            metric = metric.contains("{") ? metric.replace("}", ", " + added + "}") : metric + "{" + added + "}";
            lines.add(line(metric, sample.substring(split + 1)));
        }
        return String.join("\n", lines);
    }

    private static String line(String metric, String value) {
        return "      - series: '" + metric + "'\n        values: '" + String.join(" ", Collections.nCopies(16, value))
                + "'";
    }

    private static boolean ownFamily(String sample) {
        return PrometheusNames.FAMILIES.stream().anyMatch(family -> sample.startsWith(family.name() + "{")
                || sample.startsWith(family.name() + " ") || sample.startsWith(family.name() + "_count"));
    }

    private static List<String> alertNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(RULES)) {
            if (line.strip().startsWith("- alert: ")) {
                names.add(line.strip().substring("- alert: ".length()));
            }
        }
        return names;
    }

    private static String scrape(Api api) {
        Api.Reply reply = api.get("/api/v1/metrics", null);
        assertThat(reply.status()).isEqualTo(200);
        return reply.text();
    }

    private static boolean breakerOpen(Api api) {
        Api.Reply status = api.get("/api/v1/llm/status", new Accounts(api).admin().accessToken());
        return status.json().path("providers").get(0).path("circuit").asText().equals("open");
    }
}
