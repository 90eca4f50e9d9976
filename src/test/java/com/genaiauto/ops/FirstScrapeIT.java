package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.Intent;
import com.genaiauto.conversations.routing.IntentDecision;
import com.genaiauto.conversations.turn.FlowState;
import com.genaiauto.llm.FakeProviders;
import com.genaiauto.llm.provider.ExtractiveProvider;
import com.genaiauto.llm.router.LlmMetrics;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Exporter;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.PrometheusServer;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric an alert rule or a dashboard panel reads must be there from the first scrape, or
 * rate() misses the first event, ratios stay empty and an alert cannot fire until something
 * happened. Here the packaged service starts fresh (no traffic at all) beside Debian's node,
 * PostgreSQL and Redis exporters (a Redis primary with a replica, as in the HA overlay), and:
 * each metric name is checked against the first scrape of its source; a real Prometheus scrapes
 * all four with the production scrape configuration and rules, and every selector of every rule
 * and panel, and every rule with its thresholds turned into {@code bool} comparisons (so that the
 * operands of each operator must match), returns data; finally the replica, Redis and an exporter
 * are stopped and the alerts that watch them go pending.
 */
@DisplayName("Rules and dashboards on the first scrapes of a fresh service and of the real exporters")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class FirstScrapeIT {

    static final WireMockServer PROVIDER = FakeProviders.start();
    static final String REDIS_PASSWORD = "exporter-test-secret";
    static final String REPLICA_RDB = "genai-replica-" + UUID.randomUUID() + ".rdb";
    /** How the scrape jobs of monitoring/prometheus.yml name the exporters' targets. */
    static final Map<String, String> INSTANCES = Map.of("node", "vm", "postgres", "postgres", "redis", "redis");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();

    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    static ServedJar app;
    static String serviceScrape;
    static PrivateRedis primary;
    static PrivateRedis replica;
    static final Map<String, Exporter> EXPORTERS = new LinkedHashMap<>();
    static final Map<String, String> EXPORTER_SCRAPES = new LinkedHashMap<>();
    static PrometheusServer prometheus;

    @BeforeAll
    static void startAFreshStack() throws IOException {
        app = ServedJar.start(DATABASE, REDIS, Map.of("OPENROUTER_BASE_URL", PROVIDER.baseUrl() + "/v1",
                "OPENROUTER_API_KEY", "sk-upstream-test"));
        // The first request to the metrics endpoint: no chat, no feedback, no handoff, no error yet.
        Api.Reply first = app.api().get("/api/v1/metrics", null);
        assertThat(first.status()).isEqualTo(200);
        serviceScrape = first.text();

        primary = PrivateRedis.startedWith(REDIS_PASSWORD, List.of());
        replica = PrivateRedis.startedWith(REDIS_PASSWORD, List.of("--replicaof", "127.0.0.1",
                Integer.toString(primary.port()), "--masterauth", REDIS_PASSWORD, "--dbfilename", REPLICA_RDB));
        EXPORTERS.put("node", Exporter.node(backupMetrics()));
        EXPORTERS.put("postgres", Exporter.postgres(TestDatabase.HOST, TestDatabase.PORT, DATABASE.name(),
                TestDatabase.USER, TestDatabase.PASSWORD));
        EXPORTERS.put("redis", Exporter.redis("redis://127.0.0.1:" + primary.port(), REDIS_PASSWORD));
        EXPORTERS.forEach((job, exporter) -> EXPORTER_SCRAPES.put(job, exporter.scrape()));

        prometheus = PrometheusServer.start(withoutTlsProbe(MonitoringFiles.renderPrometheusConfig(app.port(), Map.of(
                "node-exporter:9100", EXPORTERS.get("node").address(),
                "postgres-exporter:9187", EXPORTERS.get("postgres").address(),
                "redis-exporter:9121", EXPORTERS.get("redis").address()))));
        // Three scrapes of every job: rate() and predict_linear() need two samples.
        prometheus.await(() -> prometheus.query(
                        "min(count_over_time(up{job=~\"genai-auto|node|postgres|redis\"}[1m]))"
                                + " and count(count by (job) (up{job=~\"genai-auto|node|postgres|redis\"})) == 4"),
                result -> result.size() == 1 && Double.parseDouble(result.get(0).path("value").get(1).asText()) >= 3,
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (prometheus != null) {
            prometheus.stop();
        }
        EXPORTERS.values().forEach(Exporter::stop);
        for (PrivateRedis redis : new PrivateRedis[] {replica, primary}) {
            if (redis != null) {
                redis.stop();
            }
        }
        Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"), REPLICA_RDB));
        if (app != null) {
            app.close();
        }
        PROVIDER.stop();
    }

    @Nested
    @Order(1)
    @DisplayName("the first scrape of the service")
    class Service {

        @Test
        void shouldExportEveryServiceMetricThatARuleOrAPanelReadsFromTheFirstScrape() throws IOException {
            Set<String> scraped = Exporter.metricNames(serviceScrape);
            List<String> missing = new ArrayList<>();
            usedMetrics().forEach((where, names) -> names.stream().filter(name -> source(name).equals("service"))
                    .filter(name -> !scraped.contains(name)).forEach(name -> missing.add(where + ": " + name)));
            assertThat(missing).as("metrics read by rules and panels but absent from the service's first scrape")
                    .isEmpty();
        }

        @Test
        void shouldStartEveryKnownLabelValueOfTheCountedEventsAtZero() {
            Map<String, Double> samples = samples(serviceScrape);
            Map<String, Double> expected = new TreeMap<>();
            for (HandoffReason reason : HandoffReason.values()) {
                expected.put("human_handoff_total{reason=\"" + reason.wire() + "\"}", 0.0);
            }
            expected.put("user_feedback_total{sentiment=\"positive\"}", 0.0);
            expected.put("user_feedback_total{sentiment=\"negative\"}", 0.0);
            for (Intent intent : Intent.values()) {
                for (IntentDecision.Method method : IntentDecision.Method.values()) {
                    expected.put("agent_routing_total{intent=\"" + intent.wire() + "\",method=\""
                            + method.name().toLowerCase(Locale.ROOT) + "\"}", 0.0);
                }
            }
            for (String task : FlowState.Proposal.TASKS) {
                for (String outcome : List.of("completed", "declined", "abandoned", "expired", "failed")) {
                    expected.put("task_completion_total{task=\"" + task + "\",outcome=\"" + outcome + "\"}", 0.0);
                }
            }
            Map<String, String> models = Map.of("openrouter", PrometheusNames.segment("anthropic/claude-3.5-haiku"),
                    ExtractiveProvider.NAME, ExtractiveProvider.MODEL);
            models.forEach((provider, model) -> {
                String labels = "provider=\"" + provider + "\",model=\"" + model + "\"";
                for (String status : LlmMetrics.STATUSES) {
                    expected.put("llm_requests_total{" + labels + ",status=\"" + status + "\"}", 0.0);
                }
                for (String type : LlmMetrics.TOKEN_TYPES) {
                    expected.put("llm_tokens_total{" + labels + ",type=\"" + type + "\"}", 0.0);
                }
                expected.put("llm_cost_dollars_total{" + labels + "}", 0.0);
                expected.put("llm_latency_seconds_count{" + labels + "}", 0.0);
            });
            expected.put("http_errors_total{status=\"500\"}", 0.0);
            for (String operation : List.of("hit", "miss", "set", "error")) {
                expected.put("cache_operations_total{operation=\"" + operation + "\",cache_type=\"llm_response\"}", 0.0);
            }
            for (String operation : List.of("hit", "miss", "store")) {
                expected.put("cache_operations_total{operation=\"" + operation + "\",cache_type=\"answer\"}", 0.0);
            }

            assertThat(samples).containsAllEntriesOf(expected);
            // Readiness may have answered 503 while the service started; the warm-up embeds, so the
            // embedding cache is in use: these exist, whatever their count.
            assertThat(samples.keySet()).contains("http_errors_total{status=\"503\"}",
                    "cache_operations_total{operation=\"hit\",cache_type=\"embedding\"}",
                    "cache_operations_total{operation=\"miss\",cache_type=\"embedding\"}",
                    "cache_operations_total{operation=\"set\",cache_type=\"embedding\"}",
                    "cache_operations_total{operation=\"error\",cache_type=\"embedding\"}");
        }
    }

    @Nested
    @Order(2)
    @DisplayName("the first scrapes of Debian's exporters")
    class Exporters {

        @Test
        void shouldExportEveryExporterMetricThatARuleOrAPanelReads() throws IOException {
            List<String> missing = new ArrayList<>();
            usedMetrics().forEach((where, names) -> {
                for (String name : names) {
                    String source = source(name);
                    if (EXPORTER_SCRAPES.containsKey(source)
                            && !Exporter.metricNames(EXPORTER_SCRAPES.get(source)).contains(name)) {
                        missing.add(where + ": " + name + " (not exported by the " + source + " exporter)");
                    } else if (source.equals("unknown")) {
                        missing.add(where + ": " + name + " (neither a family of the service nor of an exporter"
                                + " this test runs)");
                    }
                }
            });
            assertThat(missing).isEmpty();
        }

        @Test
        void shouldReadTheLimitsTheAlertsDivideBy() {
            assertThat(samples(EXPORTER_SCRAPES.get("postgres")).entrySet())
                    .anySatisfy(sample -> assertThat(sample.getKey()).startsWith("pg_settings_max_connections"))
                    .allSatisfy(sample -> {
                        if (sample.getKey().startsWith("pg_settings_max_connections")) {
                            assertThat(sample.getValue()).isPositive();
                        }
                    });
            assertThat(samples(EXPORTER_SCRAPES.get("redis")).get("redis_config_maxclients")).isPositive();
            assertThat(samples(EXPORTER_SCRAPES.get("node")).entrySet())
                    .anySatisfy(sample -> assertThat(sample.getKey()).startsWith("node_filesystem_size_bytes{")
                            .contains("mountpoint=\"/\""));
        }
    }

    @Nested
    @Order(3)
    @DisplayName("a real Prometheus scraping the service and the exporters")
    class Scraping {

        @Test
        void shouldScrapeTheServiceAndEveryExporterThroughTheProductionScrapeConfiguration() {
            assertThat(value(prometheus.query("up{job=\"genai-auto\"}"))).isEqualTo("1");
            INSTANCES.forEach((job, instance) -> assertThat(
                    value(prometheus.query("up{job=\"" + job + "\",instance=\"" + instance + "\"}"))).as(job).isEqualTo("1"));
        }

        @Test
        void shouldEvaluateEveryRuleWithoutError() throws IOException {
            JsonNode groups = prometheus.api("rules").path("groups");
            List<String> loaded = new ArrayList<>();
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    loaded.add(rule.path("name").asText());
                    assertThat(rule.path("health").asText()).as("%s: %s", rule.path("name").asText(),
                            rule.path("lastError").asText()).isEqualTo("ok");
                }
            }
            assertThat(loaded).containsExactlyInAnyOrderElementsOf(MonitoringFiles.ruleExpressions().keySet());
        }

        @Test
        void shouldReturnDataForEverySelectorOfEveryRuleAndPanel() throws IOException {
            Map<String, String> queries = new LinkedHashMap<>();
            allExpressions().forEach((where, expression) -> PromQl.selectors(expression)
                    .forEach(selector -> queries.put(where + ": " + selector, selector)));
            assertThat(queries).hasSizeGreaterThan(40);
            assertThat(awaitData(queries)).as("selectors without data").isEmpty();
        }

        @Test
        void shouldReturnDataForEveryRuleAndPanelWithItsThresholdsAsBoolComparisons() throws IOException {
            Map<String, String> queries = new LinkedHashMap<>();
            allExpressions().forEach((where, expression) -> queries.put(where, PromQl.withoutThresholds(expression)));
            assertThat(awaitData(queries)).as("expressions without data").isEmpty();
        }

        /**
         * The Watchdog fires; nothing about the service, Redis or the exporters does. Left out: the
         * alerts on the machine and on PostgreSQL's connection count (they read the shared test
         * machine and server, whose state this test does not own) and the cache hit rate (the
         * warm-up's embedding misses may still be counting while nothing could hit yet).
         */
        @Test
        void shouldFireTheWatchdogAndNothingElseOfAHealthyStack() {
            JsonNode watchdog = prometheus.await(() -> prometheus.query("ALERTS{alertname=\"Watchdog\",alertstate=\"firing\"}"),
                    result -> result.size() == 1, Duration.ofSeconds(10));
            assertThat(watchdog.get(0).path("metric").path("service").asText()).isEqualTo("monitoring");
            assertThat(prometheus.query("ALERTS{alertname!~\"Watchdog|GenAiAutoCacheHitRateLow\","
                    + "service=~\"genai-auto|redis|monitoring\"}")).isEmpty();
            assertThat(prometheus.query("ALERTS{alertname=\"GenAiAutoPostgresServerDown\"}")).isEmpty();
        }

        /** Each query whose result is still empty after ten seconds of scrapes and evaluations. */
        private List<String> awaitData(Map<String, String> queries) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<String> empty = emptyResults(queries);
            while (!empty.isEmpty() && System.nanoTime() < deadline) {
                sleep(500);
                empty = emptyResults(queries);
            }
            return empty;
        }

        private List<String> emptyResults(Map<String, String> queries) {
            List<String> empty = new ArrayList<>();
            queries.forEach((where, query) -> {
                if (prometheus.query(query).isEmpty()) {
                    empty.add(where + " -> " + query);
                }
            });
            return empty;
        }
    }

    @Nested
    @Order(4)
    @DisplayName("alerts on what the real exporters report")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Outages {

        @Test
        @Order(1)
        void shouldWarnWhenTheRedisPrimaryLosesItsReplica() {
            prometheus.await(() -> prometheus.query("redis_connected_slaves{job=\"redis\"} == 1"),
                    result -> result.size() == 1, Duration.ofSeconds(20));

            replica.stop();

            JsonNode alert = prometheus.await(() -> prometheus.query("ALERTS{alertname=\"GenAiAutoRedisReplicaLost\"}"),
                    result -> result.size() == 1, Duration.ofSeconds(20));
            assertThat(alert.get(0).path("metric").path("instance").asText()).isEqualTo("redis");
            assertThat(alert.get(0).path("metric").path("service").asText()).isEqualTo("redis");
        }

        @Test
        @Order(2)
        void shouldWarnWhenRedisStopsAnsweringItsExporter() {
            primary.stop();

            prometheus.await(() -> prometheus.query("ALERTS{alertname=\"GenAiAutoRedisServerDown\",instance=\"redis\"}"),
                    result -> result.size() == 1, Duration.ofSeconds(20));
            // The exporter itself still answers: not an exporter outage.
            assertThat(prometheus.query("ALERTS{alertname=\"GenAiAutoExporterDown\"}")).isEmpty();
        }

        @Test
        @Order(3)
        void shouldWarnWhenAnExporterStopsAnswering() {
            EXPORTERS.get("postgres").stop();

            JsonNode alert = prometheus.await(() -> prometheus.query("ALERTS{alertname=\"GenAiAutoExporterDown\"}"),
                    result -> result.size() == 1, Duration.ofSeconds(20));
            assertThat(alert.get(0).path("metric").path("job").asText()).isEqualTo("postgres");
            assertThat(alert.get(0).path("metric").path("service").asText()).isEqualTo("monitoring");
        }
    }

    /** The expression of every alert rule and of every dashboard panel target, by where it is. */
    /**
     * The real backup script, run once against the test database with an off-machine copy to a
     * local restic repository, writes backup.prom into the directory node_exporter reads.
     */
    static Path backupMetrics() throws IOException {
        Path textfiles = Files.createTempDirectory("node-textfiles-");
        Path work = Files.createTempDirectory("backup-for-metrics-");
        com.genaiauto.testing.Processes.Result backup = com.genaiauto.testing.Processes.run(
                List.of("bash", "scripts/backup"), null, Map.of(
                        "DATABASE_URL", "postgresql://" + TestDatabase.USER + ":" + TestDatabase.PASSWORD + "@"
                                + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + DATABASE.name(),
                        "BACKUP_DIR", work.resolve("dumps").toString(),
                        "BACKUP_METRICS_DIR", textfiles.toString(),
                        "RESTIC_REPOSITORY", work.resolve("restic").toString(),
                        "RESTIC_PASSWORD", UUID.randomUUID().toString()), Duration.ofMinutes(3));
        assertThat(backup.succeeded()).as(backup.toString()).isTrue();
        assertThat(textfiles.resolve("backup.prom")).isRegularFile();
        return textfiles;
    }

    /**
     * The certificate probe needs nginx and the blackbox exporter, which CertificateExpiryProbeIT
     * runs with these same production rules; here its job is left out of the scrape configuration.
     */
    static Path withoutTlsProbe(Path config) throws IOException {
        String rendered = Files.readString(config);
        int begin = rendered.indexOf("  - job_name: tls-certificate");
        int end = rendered.indexOf("  - job_name:", begin + 1);
        assertThat(begin).as("the tls-certificate job in prometheus.yml").isPositive();
        Files.writeString(config, rendered.substring(0, begin) + rendered.substring(end));
        return config;
    }

    static boolean probedElsewhere(String alert) {
        return alert.startsWith("GenAiAutoTls");
    }

    static Map<String, String> allExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        MonitoringFiles.ruleExpressions().forEach((alert, expression) -> {
            if (!probedElsewhere(alert)) {
                expressions.put("rule " + alert, expression);
            }
        });
        MonitoringFiles.dashboardQueries().forEach((panel, expression) -> expressions.put("panel " + panel, expression));
        return expressions;
    }

    static Map<String, Set<String>> usedMetrics() throws IOException {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        allExpressions().forEach((where, expression) -> used.put(where, PromQl.metricNames(expression)));
        return used;
    }

    /**
     * Where a metric comes from: {@code prometheus} ({@code up}), an exporter's job (the machine and
     * node_exporter's textfile collector, where scripts/backup writes, are the node job), the
     * service (a family of {@link PrometheusNames}, or one of the JVM and Jetty metrics of its
     * registry), or {@code unknown}.
     */
    static String source(String name) {
        if (name.equals("up")) {
            return "prometheus";
        } else if (name.startsWith("node_") || name.startsWith("genai_backup_")) {
            return "node";
        } else if (name.startsWith("probe_")) {
            return "blackbox";
        } else if (name.startsWith("pg_")) {
            return "postgres";
        } else if (name.startsWith("redis_")) {
            return "redis";
        } else if (name.startsWith("jvm_") || name.startsWith("org_eclipse_jetty_")
                || PrometheusNames.forPrometheusName(name.replaceAll("_(count|sum)$", "")).isPresent()) {
            return "service";
        }
        return "unknown";
    }

    /** The samples of a scrape by series, labels as written ({@code name{a="x",b="y"}}). */
    static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            String value = line.substring(split + 1);
            samples.put(line.substring(0, split).replace(",}", "}"), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            });
        }
        return samples;
    }

    private static String value(JsonNode result) {
        assertThat(result).hasSize(1);
        return result.get(0).path("value").get(1).asText();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
