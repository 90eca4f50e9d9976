package com.genaiauto.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.AlertmanagerServer;
import com.genaiauto.testing.Processes;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * monitoring/alertmanager.yml as it runs: rendered from the environment by
 * monitoring/render-alertmanager-config (with the system's sh, and with busybox as in the
 * Alertmanager image), accepted by amtool, and loaded by a real Alertmanager that delivers to
 * webhooks the test receives: the Watchdog to the dead man's switch, pages and chat by severity,
 * with the inhibitions the README describes.
 */
@DisplayName("Alertmanager: receivers from .env, routes, inhibitions and the dead man's switch")
class AlertmanagerIT {

    static final WireMockServer RECEIVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static Map<String, String> receivers;
    static Path rendered;

    @BeforeAll
    static void render() throws IOException {
        RECEIVER.start();
        RECEIVER.stubFor(post(urlPathMatching("/.*")).willReturn(ok()));
        receivers = MonitoringFiles.receivers(RECEIVER.baseUrl());
        MonitoringFiles.Rendered render = MonitoringFiles.renderAlertmanagerConfig(receivers);
        assertThat(render.result().succeeded()).as(render.result().toString()).isTrue();
        rendered = render.file();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Nested
    @DisplayName("rendering the configuration from the environment")
    class Rendering {

        @Test
        void shouldWriteEveryReceiverUrlOfTheEnvironmentIntoTheConfiguration() throws IOException {
            assertThat(Files.readAllLines(rendered)).filteredOn(line -> !line.stripLeading().startsWith("#"))
                    .noneMatch(line -> line.contains("${"));
            Map<String, String> urls = receiverUrls(rendered);
            assertThat(urls).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "ops-pager", receivers.get("ALERT_PAGER_WEBHOOK_URL"),
                    "ops-chat", receivers.get("ALERT_CHAT_WEBHOOK_URL"),
                    "deadmans-switch", receivers.get("DEADMANS_SWITCH_URL")));
            // Webhook URLs often carry a token: readable by Alertmanager's user only.
            assertThat(Files.getPosixFilePermissions(rendered))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }

        @Test
        void shouldKeepEveryCharacterOfAUrlThatSedWouldInterpret() throws IOException {
            Map<String, String> environment = new HashMap<>(receivers);
            String slack = "https://hooks.example.com/services/T0/B0/x?token=a&b=c|d\\e%2F";
            environment.put("ALERT_CHAT_WEBHOOK_URL", slack);

            MonitoringFiles.Rendered render = MonitoringFiles.renderAlertmanagerConfig(environment);

            assertThat(render.result().succeeded()).as(render.result().toString()).isTrue();
            assertThat(receiverUrls(render.file())).containsEntry("ops-chat", slack);
        }

        @Test
        void shouldRenderTheSameWithTheBusyboxShellAndToolsOfTheAlertmanagerImage() throws IOException {
            Path busybox = Path.of("/usr/bin/busybox");
            assertThat(busybox).as("busybox (scripts/provision installs it)").isExecutable();
            Path tools = Files.createTempDirectory("busybox-");
            for (String tool : List.of("sh", "grep", "sort", "sed", "wc", "mv", "cat")) {
                Files.createSymbolicLink(tools.resolve(tool), busybox);
            }

            MonitoringFiles.Rendered render = MonitoringFiles.renderAlertmanagerConfig(
                    tools.resolve("sh").toString(), tools.toString(), receivers);

            assertThat(render.result().succeeded()).as(render.result().toString()).isTrue();
            assertThat(Files.readString(render.file())).isEqualTo(Files.readString(rendered));
        }

        @Test
        void shouldRefuseToRenderWithAReceiverUnsetOrNotAUrl() throws IOException {
            Map<String, String> unset = new HashMap<>(receivers);
            unset.remove("DEADMANS_SWITCH_URL");
            assertRefused(unset, "DEADMANS_SWITCH_URL is not set");

            Map<String, String> empty = new HashMap<>(receivers);
            empty.put("ALERT_PAGER_WEBHOOK_URL", "");
            assertRefused(empty, "ALERT_PAGER_WEBHOOK_URL is not set");

            Map<String, String> notAUrl = new HashMap<>(receivers);
            notAUrl.put("ALERT_CHAT_WEBHOOK_URL", "#ops-alerts");
            assertRefused(notAUrl, "ALERT_CHAT_WEBHOOK_URL must be an http:// or https:// URL");

            Map<String, String> quoted = new HashMap<>(receivers);
            quoted.put("DEADMANS_SWITCH_URL", "https://hc-ping.com/a' b");
            assertRefused(quoted, "DEADMANS_SWITCH_URL must not contain quotes or spaces");
        }

        private void assertRefused(Map<String, String> environment, String message) throws IOException {
            MonitoringFiles.Rendered render = MonitoringFiles.renderAlertmanagerConfig(environment);
            assertThat(render.result().succeeded()).as(render.result().toString()).isFalse();
            assertThat(render.result().output()).contains(message);
            assertThat(render.file()).doesNotExist();
        }
    }

    @Nested
    @DisplayName("the rendered configuration with amtool")
    class Amtool {

        @Test
        void shouldPassAmtoolCheckConfig() {
            Processes.Result check = Processes.run(List.of("amtool", "check-config", rendered.toString()));
            assertThat(check.succeeded()).as(check.toString()).isTrue();
            assertThat(check.output()).contains("3 receivers", "inhibit rules");
        }

        @Test
        void shouldRouteEveryAlertOfTheRulesBySeverityAndTheWatchdogToTheDeadMansSwitchOnly() throws IOException {
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, String> routed = new LinkedHashMap<>();
            for (JsonNode rule : MonitoringFiles.alertRules()) {
                String alert = rule.path("alert").asText();
                String severity = rule.path("labels").path("severity").asText();
                expected.put(alert, alert.equals("Watchdog") ? "deadmans-switch"
                        : severity.equals("critical") ? "ops-pager" : "ops-chat");
                routed.put(alert, route("alertname=" + alert, "severity=" + severity,
                        "service=" + rule.path("labels").path("service").asText()));
            }
            assertThat(routed).isEqualTo(expected);
            // The spend tiers: the page at 50 USD an hour, the warning at 10 in chat.
            assertThat(routed).containsEntry("GenAiAutoLlmCostPerHourCritical", "ops-pager")
                    .containsEntry("GenAiAutoLlmCostPerHourHigh", "ops-chat");
        }

        @Test
        void shouldSendTheWatchdogEveryMinuteWithoutWaiting() throws IOException {
            JsonNode routes = new YAMLMapper().readTree(rendered.toFile()).path("route").path("routes");
            JsonNode watchdog = routes.get(0);
            assertThat(watchdog.path("matchers").toString()).contains("alertname=\\\"Watchdog\\\"");
            assertThat(watchdog.path("receiver").asText()).isEqualTo("deadmans-switch");
            assertThat(watchdog.path("continue").asBoolean(false)).isFalse();
            assertThat(watchdog.path("group_wait").asText()).isEqualTo("0s");
            assertThat(watchdog.path("group_interval").asText()).isEqualTo("1m");
            assertThat(watchdog.path("repeat_interval").asText()).isEqualTo("1m");
        }

        private String route(String... labels) {
            List<String> command = new ArrayList<>(List.of("amtool", "config", "routes", "test",
                    "--config.file=" + rendered));
            command.addAll(List.of(labels));
            Processes.Result result = Processes.run(command);
            assertThat(result.succeeded()).as(result.toString()).isTrue();
            List<String> lines = result.output().trim().lines().toList();
            return lines.get(lines.size() - 1).trim();
        }
    }

    @Nested
    @DisplayName("labels the routes and inhibitions rely on")
    class Labels {

        @Test
        void shouldLabelEveryAlertWithASeverityAndAService() throws IOException {
            for (JsonNode rule : MonitoringFiles.alertRules()) {
                String alert = rule.path("alert").asText();
                assertThat(rule.path("labels").path("service").asText()).as(alert).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).as(alert)
                        .isIn(alert.equals("Watchdog") ? List.of("none") : List.of("critical", "warning", "info"));
            }
        }

        /**
         * While the API is down every other alert of the service is silenced; the alerts on the
         * machine, the stores and the monitoring itself must not be, or the cause of the outage
         * (a full disk, a dead database) would be silenced with its consequences.
         */
        @Test
        void shouldLabelTheServiceAlertsForTheApiDownInhibitionAndNoOther() throws IOException {
            Set<String> serviceFamilies = new TreeSet<>();
            PrometheusNames.FAMILIES.forEach(family -> {
                serviceFamilies.add(family.name());
                serviceFamilies.add(family.name() + "_count");
            });
            for (JsonNode rule : MonitoringFiles.alertRules()) {
                String alert = rule.path("alert").asText();
                Set<String> names = PromQl.metricNames(rule.path("expr").asText());
                String service = rule.path("labels").path("service").asText();
                if (!names.isEmpty() && serviceFamilies.containsAll(names)) {
                    assertThat(service).as("%s reads only the service's metrics", alert).isEqualTo("genai-auto");
                }
                if (names.isEmpty() || names.stream().anyMatch(name -> name.startsWith("node_")
                        || name.startsWith("pg_") || name.startsWith("redis_"))) {
                    assertThat(service).as("%s watches the machine, a store or the monitoring", alert)
                            .isNotEqualTo("genai-auto");
                }
            }
        }
    }

    @Nested
    @DisplayName("a real Alertmanager on the rendered configuration")
    class Delivery {

        private AlertmanagerServer alertmanager;

        @AfterEach
        void stop() {
            if (alertmanager != null) {
                alertmanager.stop();
            }
            RECEIVER.resetRequests();
        }

        @Test
        void shouldSendTheWatchdogToTheDeadMansSwitchAtOnceAndNowhereElse() throws IOException {
            alertmanager = AlertmanagerServer.start(rendered);

            alertmanager.fire(labels("Watchdog", "none", "monitoring"));

            List<LoggedRequest> pings = await(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo("/ping/3f1c2d"))),
                    Duration.ofSeconds(10));
            assertThat(pings).hasSize(1);
            JsonNode notification = com.genaiauto.testing.Api.JSON.readTree(pings.get(0).getBodyAsString());
            assertThat(notification.path("status").asText()).isEqualTo("firing");
            assertThat(notification.path("commonLabels").path("alertname").asText()).isEqualTo("Watchdog");
            assertThat(RECEIVER.findAll(postRequestedFor(urlPathMatching("/(pager|chat)")))).isEmpty();
        }

        @Test
        void shouldSuppressTheSpendWarningWhileTheSpendPageFires() throws IOException {
            alertmanager = AlertmanagerServer.start(rendered);

            alertmanager.fire(labels("GenAiAutoLlmCostPerHourHigh", "warning", "genai-auto"),
                    labels("GenAiAutoLlmCostPerHourCritical", "critical", "genai-auto"));

            assertStates(Map.of("GenAiAutoLlmCostPerHourCritical", "active",
                    "GenAiAutoLlmCostPerHourHigh", "suppressed"));
        }

        @Test
        void shouldNeverHideTheMachineTheStoresOrTheWatchdogBehindTheApiBeingDown() throws IOException {
            alertmanager = AlertmanagerServer.start(rendered);

            Map<String, String> apiDown = labels("GenAiAutoApiDown", "critical", "genai-auto");
            apiDown.put("instance", "api-1:8080");
            Map<String, String> diskFull = labels("GenAiAutoDiskFull", "critical", "host");
            diskFull.put("mountpoint", "/");
            alertmanager.fire(apiDown, diskFull, labels("GenAiAutoPostgresServerDown", "critical", "postgres"),
                    labels("GenAiAutoExporterDown", "warning", "monitoring"), labels("Watchdog", "none", "monitoring"),
                    labels("GenAiAutoHighErrorRate", "critical", "genai-auto"));

            assertStates(Map.of("GenAiAutoHighErrorRate", "suppressed", "GenAiAutoApiDown", "active",
                    "GenAiAutoDiskFull", "active", "GenAiAutoPostgresServerDown", "active",
                    "GenAiAutoExporterDown", "active", "Watchdog", "active"));
        }

        @Test
        void shouldSuppressWhatTheReplicasReportWhileTheirStoreIsDown() throws IOException {
            alertmanager = AlertmanagerServer.start(rendered);

            Map<String, String> databaseDown = labels("GenAiAutoDatabaseDown", "critical", "genai-auto");
            databaseDown.put("instance", "api-1:8080");
            Map<String, String> redisDown = labels("GenAiAutoRedisDown", "warning", "genai-auto");
            redisDown.put("instance", "api-1:8080");
            alertmanager.fire(labels("GenAiAutoPostgresServerDown", "critical", "postgres"), databaseDown,
                    labels("GenAiAutoRedisServerDown", "warning", "redis"), redisDown);

            assertStates(Map.of("GenAiAutoDatabaseDown", "suppressed", "GenAiAutoRedisDown", "suppressed",
                    "GenAiAutoPostgresServerDown", "active", "GenAiAutoRedisServerDown", "active"));
        }

        /** Each alert in the state expected (active or suppressed), within ten seconds. */
        private void assertStates(Map<String, String> expected) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Map<String, String> states = states();
            while (!states.equals(expected) && System.nanoTime() < deadline) {
                sleep(100);
                states = states();
            }
            assertThat(states).as(alertmanager.log()).isEqualTo(expected);
        }

        private Map<String, String> states() {
            Map<String, String> states = new LinkedHashMap<>();
            for (JsonNode alert : alertmanager.alerts()) {
                states.put(alert.path("labels").path("alertname").asText(), alert.path("status").path("state").asText());
            }
            return states;
        }
    }

    private static Map<String, String> labels(String alertname, String severity, String service) {
        return new HashMap<>(Map.of("alertname", alertname, "severity", severity, "service", service));
    }

    /** Polls until {@code fetch} gives a non-empty list, for at most {@code timeout}. */
    private static <T> List<T> await(Supplier<List<T>> fetch, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> value = fetch.get();
        while (value.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            value = fetch.get();
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> receiverUrls(Path config) throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode receiver : new YAMLMapper().readTree(config.toFile()).path("receivers")) {
            urls.put(receiver.path("name").asText(), receiver.path("webhook_configs").get(0).path("url").asText());
        }
        return urls;
    }
}
