package com.genaiauto.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.FreePorts;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The certificate-expiry alerts on real measurements: the real blackbox exporter with
 * monitoring/blackbox.yml probes a real nginx (the production nginx.conf), and a real Prometheus
 * with the production tls-certificate scrape job and rules evaluates the alerts. nginx serves, in
 * turn, a certificate with 10 days left, one with 2 days left (installed by scripts/certificates
 * and a reload), then nothing (stopped). Alerts are read while pending: their {@code for} delays
 * are promtool's to test (monitoring/tests).
 */
@DisplayName("Certificate expiry: blackbox exporter probing nginx, production rules in Prometheus")
class CertificateExpiryProbeIT {

    /** The exporter's metrics the rules use; MonitoringIT accepts them in rules because this test sees them exported. */
    static final Set<String> EXPORTER_METRICS = Set.of("probe_success", "probe_ssl_earliest_cert_expiry");

    static final Path MONITORING = Path.of("monitoring");
    static final String DOMAIN = "www.genai-auto.test";
    static final String WARNING = "GenAiAutoTlsCertificateExpiringSoon";
    static final String CRITICAL = "GenAiAutoTlsCertificateExpiryCritical";
    static final String PROBE_FAILING = "GenAiAutoTlsProbeFailing";

    static NginxProxy nginx;
    static Process exporter;
    static int exporterPort;
    static PrometheusServer prometheus;
    static Path exporterLog;

    /** What Prometheus held in one state of nginx. */
    record Observed(X509Certificate served, JsonNode expiry, JsonNode success, Map<String, String> alerts) {
    }

    static Observed tenDaysLeft;
    static Observed twoDaysLeft;
    static Observed nginxStopped;

    @BeforeAll
    static void probeThreeStatesOfNginx() throws Exception {
        int[] nowhere = FreePorts.distinct(2);
        nginx = NginxProxy.render(nowhere[0], nowhere[1]);
        // NginxProxy's own test certificate is replaced through the script, as an operator would.
        Files.delete(nginx.certificates().resolve("fullchain.pem"));
        Processes.Result tenDays = certificates(10);
        assertThat(tenDays.succeeded()).as(tenDays.toString()).isTrue();
        nginx.start();

        exporterPort = FreePorts.find();
        exporterLog = Files.createTempFile("blackbox-", ".log");
        exporter = new ProcessBuilder("prometheus-blackbox-exporter",
                "--config.file=" + MONITORING.resolve("blackbox.yml"), "--web.listen-address=127.0.0.1:" + exporterPort)
                .redirectErrorStream(true).redirectOutput(exporterLog.toFile()).start();
        awaitListening(exporterPort);
        prometheus = PrometheusServer.start(renderPrometheusConfig());

        X509Certificate served = ServedCertificates.chain(nginx.httpsPort(), DOMAIN)[0];
        tenDaysLeft = observe(served, state -> state.alerts().containsKey(WARNING)
                && value(state.expiry()) == epochSeconds(served));

        Files.delete(nginx.certificates().resolve("fullchain.pem"));
        Processes.Result twoDays = certificates(2);
        assertThat(twoDays.succeeded()).as(twoDays.toString()).isTrue();
        Processes.Result reload = Processes.run(List.of("scripts/certificates", "reload"), null,
                Map.of("NGINX_RELOAD", nginx.reloadCommand()), Duration.ofMinutes(1));
        assertThat(reload.succeeded()).as(reload.toString()).isTrue();
        X509Certificate renewedServed = awaitServed(ServedCertificates.pem(nginx.certificates().resolve("fullchain.pem"))[0]);
        twoDaysLeft = observe(renewedServed, state -> state.alerts().containsKey(CRITICAL)
                && value(state.expiry()) == epochSeconds(renewedServed));

        nginx.close();
        nginxStopped = observe(renewedServed, state -> state.alerts().containsKey(PROBE_FAILING));
    }

    @AfterAll
    static void stopAll() {
        if (prometheus != null) {
            prometheus.stop();
        }
        Processes.stop(exporter);
        if (nginx != null) {
            nginx.close();
        }
    }

    /** A self-signed certificate with {@code days} left, installed by scripts/certificates. */
    static Processes.Result certificates(int days) {
        return Processes.run(List.of("scripts/certificates", "self-signed", DOMAIN), null,
                Map.of("TLS_CERTS_DIR", nginx.certificates().toString(), "SELF_SIGNED_DAYS", String.valueOf(days)),
                Duration.ofMinutes(1));
    }

    /**
     * The production prometheus.yml with the tls-certificate job aimed at the test's nginx and
     * exporter, scraped and evaluated every second, and the production rules.
     */
    static Path renderPrometheusConfig() throws IOException {
        String config = Files.readString(MONITORING.resolve("prometheus.yml"));
        config = once(config, "targets: ['nginx:443']", "targets: ['127.0.0.1:" + nginx.httpsPort() + "']");
        config = once(config, "replacement: blackbox-exporter:9115", "replacement: 127.0.0.1:" + exporterPort);
        config = once(config, "    scrape_interval: 60s\n    metrics_path: /probe", "    scrape_interval: 1s\n    metrics_path: /probe");
        config = once(config, "evaluation_interval: 15s", "evaluation_interval: 1s");
        config = once(config, "targets: ['alertmanager:9093']", "targets: []");
        config = config.replace("scrape_timeout: 10s", "scrape_timeout: 1s");
        Path dir = Files.createTempDirectory("prometheus-tls-");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> rules = Files.list(MONITORING.resolve("rules"))) {
            for (Path rule : rules.toList()) {
                Files.copy(rule, dir.resolve("rules").resolve(rule.getFileName()));
            }
        }
        return dir.resolve("prometheus.yml");
    }

    private static String once(String text, String target, String replacement) {
        int first = text.indexOf(target);
        assertThat(first).as("'%s' in prometheus.yml", target).isNotNegative();
        assertThat(text.indexOf(target, first + 1)).as("'%s' more than once in prometheus.yml", target).isNegative();
        return text.replace(target, replacement);
    }

    /** Waits (at most 30 s) until {@code reached} holds, then returns that state, or the last one seen. */
    static Observed observe(X509Certificate served, Predicate<Observed> reached) throws InterruptedException {
        Supplier<Observed> read = () -> new Observed(served,
                prometheus.query("probe_ssl_earliest_cert_expiry{job=\"tls-certificate\"}"),
                prometheus.query("probe_success{job=\"tls-certificate\"}"),
                alerts());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Observed state = read.get();
        while (!reached.test(state) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            state = read.get();
        }
        return state;
    }

    /** The TLS alerts Prometheus holds, pending or firing, by name. */
    static Map<String, String> alerts() {
        Map<String, String> alerts = new TreeMap<>();
        for (JsonNode alert : prometheus.query("ALERTS{alertname=~\"GenAiAutoTls.*\"}")) {
            alerts.put(alert.path("metric").path("alertname").asText(), alert.path("metric").path("alertstate").asText());
        }
        return alerts;
    }

    static X509Certificate awaitServed(X509Certificate installed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        X509Certificate served = ServedCertificates.chain(nginx.httpsPort(), DOMAIN)[0];
        while (!served.equals(installed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = ServedCertificates.chain(nginx.httpsPort(), DOMAIN)[0];
        }
        return served;
    }

    static long epochSeconds(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().getEpochSecond();
    }

    static double value(JsonNode result) {
        return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
    }

    static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!exporter.isAlive()) {
                throw new IllegalStateException("blackbox exporter exited: " + Files.readString(exporterLog));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("blackbox exporter did not listen: " + Files.readString(exporterLog));
    }

    @Nested
    @DisplayName("the blackbox exporter")
    class Exporter {

        @Test
        void shouldAcceptTheProductionModuleConfiguration() {
            Processes.Result check = Processes.run(List.of("prometheus-blackbox-exporter",
                    "--config.file=" + MONITORING.resolve("blackbox.yml"), "--config.check"));
            assertThat(check.succeeded()).as(check.toString()).isTrue();
        }

        @Test
        void shouldReportTheExpiryOfTheCertificateNginxServes() {
            assertThat(value(tenDaysLeft.expiry())).as("%s", tenDaysLeft).isEqualTo(epochSeconds(tenDaysLeft.served()));
            assertThat(value(tenDaysLeft.success())).isEqualTo(1.0);
            assertThat(tenDaysLeft.expiry().get(0).path("metric").path("instance").asText())
                    .isEqualTo("127.0.0.1:" + nginx.httpsPort());
        }

        @Test
        void shouldReportTheCertificateNginxServesAfterAReload() {
            assertThat(twoDaysLeft.served()).isNotEqualTo(tenDaysLeft.served());
            assertThat(value(twoDaysLeft.expiry())).as("%s", twoDaysLeft).isEqualTo(epochSeconds(twoDaysLeft.served()));
        }

        @Test
        void shouldExportEveryMetricTheRulesUse() {
            Set<String> names = Set.copyOf(prometheus.metricNames());
            assertThat(names).containsAll(EXPORTER_METRICS);
        }
    }

    @Nested
    @DisplayName("the alerts")
    class Alerts {

        @Test
        void shouldWarnWithTenDaysLeftAndNotPage() {
            assertThat(tenDaysLeft.alerts()).as("%s", tenDaysLeft).containsOnlyKeys(WARNING);
        }

        @Test
        void shouldGoCriticalWithTwoDaysLeftInsteadOfWarning() {
            assertThat(twoDaysLeft.alerts()).as("%s", twoDaysLeft).containsOnlyKeys(CRITICAL);
        }

        @Test
        void shouldReportTheFailingProbeWhenNginxStopsAnsweringTls() {
            assertThat(value(nginxStopped.success())).as("%s", nginxStopped).isEqualTo(0.0);
            assertThat(nginxStopped.alerts()).as("%s", nginxStopped).containsKey(PROBE_FAILING);
            // A failed handshake reports no expiry: the expiry alerts resolve rather than mislead.
            assertThat(nginxStopped.expiry()).isEmpty();
        }
    }
}
