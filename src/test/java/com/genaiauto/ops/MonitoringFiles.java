package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The files under {@code monitoring/} as the tests read and render them. */
final class MonitoringFiles {

    static final Path MONITORING = Path.of("monitoring");
    static final Path ALERTMANAGER_TEMPLATE = MONITORING.resolve("alertmanager.yml");
    static final Path RENDER_ALERTMANAGER = MONITORING.resolve("render-alertmanager-config");

    private MonitoringFiles() {
    }

    /** Every alert rule of every rule file. */
    static List<JsonNode> alertRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : new YAMLMapper().readTree(file.toFile()).path("groups")) {
                group.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }

    static List<Path> ruleFiles() throws IOException {
        return files(MONITORING.resolve("rules"), ".yml");
    }

    static List<Path> ruleTests() throws IOException {
        return files(MONITORING.resolve("tests"), ".yml");
    }

    static List<Path> dashboards() throws IOException {
        return files(MONITORING.resolve("grafana/dashboards"), ".json");
    }

    /** The query of every target of every dashboard panel, by "dashboard / panel title #n". */
    static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path dashboard : dashboards()) {
            for (JsonNode panel : Api.JSON.readTree(dashboard.toFile()).path("panels")) {
                int n = 0;
                for (JsonNode target : panel.path("targets")) {
                    queries.put(dashboard.getFileName() + " / " + panel.path("title").asText() + " #" + ++n,
                            target.path("expr").asText());
                }
            }
        }
        return queries;
    }

    /** The expression of every alert rule, by alert name. */
    static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode rule : alertRules()) {
            expressions.put(rule.path("alert").asText(), rule.path("expr").asText());
        }
        return expressions;
    }

    /**
     * The production prometheus.yml and rules in a temporary directory, with the compose service
     * discovery of the api replaced by {@code apiPort} on loopback, each exporter address of
     * {@code exporters} (compose name:port, e.g. {@code node-exporter:9100}) by the one given, no
     * Alertmanager, and intervals of a second.
     */
    static Path renderPrometheusConfig(int apiPort, Map<String, String> exporters) throws IOException {
        String production = Files.readString(MONITORING.resolve("prometheus.yml"));
        int begin = production.indexOf("    # targets:begin");
        int end = production.indexOf("    # targets:end");
        assertThat(begin).as("targets markers in prometheus.yml").isPositive();
        assertThat(end).isGreaterThan(begin);
        String rendered = production.substring(0, begin)
                + "    static_configs:\n      - targets: ['127.0.0.1:" + apiPort + "']\n"
                + production.substring(end)
                .replace("targets: ['alertmanager:9093']", "targets: []");
        for (Map.Entry<String, String> exporter : exporters.entrySet()) {
            String target = "targets: ['" + exporter.getKey() + "']";
            assertThat(rendered).as("scrape target of %s in prometheus.yml", exporter.getKey()).contains(target);
            rendered = rendered.replace(target, "targets: ['" + exporter.getValue() + "']");
        }
        rendered = rendered.replace("scrape_interval: 15s", "scrape_interval: 1s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
                .replace("scrape_timeout: 10s", "scrape_timeout: 1s");
        Path dir = Files.createTempDirectory("prometheus-config-");
        Files.writeString(dir.resolve("prometheus.yml"), rendered);
        Files.createDirectories(dir.resolve("rules"));
        for (Path rule : ruleFiles()) {
            Files.copy(rule, dir.resolve("rules").resolve(rule.getFileName()));
        }
        return dir.resolve("prometheus.yml");
    }

    /** The receivers' variables of .env, as an operator would set them, pointing at {@code base}. */
    static Map<String, String> receivers(String base) {
        return Map.of("ALERT_PAGER_WEBHOOK_URL", base + "/pager",
                "ALERT_CHAT_WEBHOOK_URL", base + "/chat",
                "DEADMANS_SWITCH_URL", base + "/ping/3f1c2d");
    }

    /**
     * Runs monitoring/render-alertmanager-config on the template with {@code shell}, the commands
     * of {@code path} and {@code environment} only (as in the container); the rendered file and the result.
     */
    static Rendered renderAlertmanagerConfig(String shell, String path, Map<String, String> environment)
            throws IOException {
        Path output = Files.createTempDirectory("alertmanager-config-").resolve("alertmanager.yml");
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=" + path));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of(shell, RENDER_ALERTMANAGER.toString(), ALERTMANAGER_TEMPLATE.toString(), output.toString()));
        Processes.Result result = Processes.run(command, null, Map.of(), Duration.ofSeconds(30));
        return new Rendered(output, result);
    }

    /** As {@link #renderAlertmanagerConfig(String, String, Map)} with the system's sh. */
    static Rendered renderAlertmanagerConfig(Map<String, String> environment) throws IOException {
        return renderAlertmanagerConfig("/bin/sh", "/usr/bin:/bin", environment);
    }

    record Rendered(Path file, Processes.Result result) {
    }

    private static List<Path> files(Path directory, String extension) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
        }
    }
}
