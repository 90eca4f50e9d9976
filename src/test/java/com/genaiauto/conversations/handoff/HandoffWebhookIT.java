package com.genaiauto.conversations.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The support webhook against a real HTTP receiver (WireMock on loopback). */
class HandoffWebhookIT {

    private static final String PATH = "/hooks/handoff";
    private static final String SECRET = "test-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer receiver;
    private MetricRegistry metrics;
    private HandoffWebhook webhook;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(16).jettyAcceptors(1));
        receiver.start();
        metrics = new MetricRegistry();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (webhook != null) {
            webhook.stop();
        }
        receiver.stop();
    }

    private HandoffWebhook webhook(int maxAttempts, Duration attemptTimeout) {
        URI url = URI.create(receiver.baseUrl() + PATH);
        webhook = new HandoffWebhook(new WebhookSettings(url, SECRET, maxAttempts, Duration.ofMillis(50), attemptTimeout),
                metrics);
        webhook.start();
        return webhook;
    }

    private static HandoffNotice notice() {
        return new HandoffNotice(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), com.genaiauto.conversations.model.HandoffReason.SAFETY,
                "Owner reports a brake warning light and a soft pedal; contact [EMAIL_1].",
                Instant.parse("2026-11-26T07:00:00Z"));
    }

    private long delivered() {
        return metrics.counter(HandoffWebhook.DELIVERED_METRIC).getCount();
    }

    private long failed() {
        return metrics.counter(HandoffWebhook.FAILED_METRIC).getCount();
    }

    private List<LoggedRequest> received() {
        return receiver.findAll(postRequestedFor(urlEqualTo(PATH)))
                .stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Nested
    @DisplayName("a receiver that answers")
    class Answering {

        @Test
        void shouldDeliverASignedJsonPayloadOnce() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
            HandoffNotice notice = notice();

            webhook(5, Duration.ofSeconds(2)).notify(notice);
            await("delivery", Duration.ofSeconds(5), () -> delivered() == 1);

            List<LoggedRequest> requests = received();
            assertThat(requests).hasSize(1);
            LoggedRequest request = requests.get(0);
            String body = request.getBodyAsString();
            long timestamp = Long.parseLong(request.getHeader(HandoffWebhook.TIMESTAMP_HEADER));
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
            assertThat(request.getHeader(HandoffWebhook.SIGNATURE_HEADER))
                    .isEqualTo("sha256=" + hmacSha256Hex(SECRET, timestamp + "." + body));
            assertThat(UUID.fromString(request.getHeader(HandoffWebhook.DELIVERY_HEADER))).isNotNull();

            JsonNode json = JSON.readTree(body);
            assertThat(json.get("event").asText()).isEqualTo("handoff.created");
            assertThat(json.get("handoffId").asText()).isEqualTo(notice.handoffId().toString());
            assertThat(json.get("conversationId").asText()).isEqualTo(notice.conversationId().toString());
            assertThat(json.get("userId").asText()).isEqualTo(notice.userId().toString());
            assertThat(json.get("reason").asText()).isEqualTo("safety");
            assertThat(json.get("summary").asText()).isEqualTo(notice.summary());
            assertThat(json.get("createdAt").asText()).isEqualTo("2026-11-26T07:00:00Z");
            assertThat(failed()).isZero();
        }

        @Test
        void shouldRetryServerErrorsWithTheSameDeliveryId() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("third")
                    .willReturn(aResponse().withStatus(200)));

            webhook(5, Duration.ofSeconds(2)).notify(notice());
            await("delivery", Duration.ofSeconds(5), () -> delivered() == 1);

            List<LoggedRequest> requests = received();
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(r -> r.getHeader(HandoffWebhook.DELIVERY_HEADER)).containsOnly(
                    requests.get(0).getHeader(HandoffWebhook.DELIVERY_HEADER));
            assertThat(requests).allSatisfy(r -> assertThat(r.getHeader(HandoffWebhook.SIGNATURE_HEADER)).isEqualTo(
                    "sha256=" + hmacSha256Hex(SECRET, r.getHeader(HandoffWebhook.TIMESTAMP_HEADER) + "." + r.getBodyAsString())));
            assertThat(failed()).isZero();
        }

        @Test
        void shouldHonourRetryAfterOnTooManyRequests() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("free")
                    .willReturn(aResponse().withStatus(200)));

            webhook(5, Duration.ofSeconds(2)).notify(notice());
            await("delivery", Duration.ofSeconds(5), () -> delivered() == 1);

            List<LoggedRequest> requests = received();
            assertThat(requests).hasSize(2);
            long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
            assertThat(gapMillis).as("wait between attempts (backoff alone is 50 ms)").isGreaterThanOrEqualTo(900);
        }

        @Test
        void shouldNotRetryAClientError() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)));

            webhook(5, Duration.ofSeconds(2)).notify(notice());
            await("failure", Duration.ofSeconds(5), () -> failed() == 1);
            Thread.sleep(300); // several backoff periods: a retry would have happened by now

            assertThat(received()).hasSize(1);
            assertThat(delivered()).isZero();
        }
    }

    @Nested
    @DisplayName("a receiver that hangs or is absent")
    class Unreachable {

        @Test
        void shouldReturnAtOnceAndRetryAfterTheAttemptTimesOut() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("hang").whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(200).withFixedDelay(5_000)).willSetStateTo("awake"));
            receiver.stubFor(post(urlEqualTo(PATH)).inScenario("hang").whenScenarioStateIs("awake")
                    .willReturn(aResponse().withStatus(200)));
            HandoffWebhook webhook = webhook(5, Duration.ofMillis(400));

            long started = System.nanoTime();
            webhook.notify(notice());
            long notifyMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(notifyMillis).as("time spent in notify").isLessThan(200);
            await("delivery on the second attempt", Duration.ofSeconds(3), () -> delivered() == 1);
            assertThat(failed()).isZero();
        }

        @Test
        void shouldCountAFailureWhenNobodyListens() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            webhook = new HandoffWebhook(new WebhookSettings(URI.create("http://127.0.0.1:" + closedPort + PATH), SECRET,
                    3, Duration.ofMillis(20), Duration.ofSeconds(1)), metrics);

            webhook.notify(notice());
            await("failure", Duration.ofSeconds(5), () -> failed() == 1);

            assertThat(delivered()).isZero();
        }

        @Test
        void shouldSendNothingWithoutAUrl() throws Exception {
            receiver.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
            webhook = new HandoffWebhook(WebhookSettings.disabled(), metrics);

            webhook.notify(notice());
            Thread.sleep(200);

            assertThat(receiver.getAllServeEvents()).isEmpty();
            assertThat(delivered()).isZero();
            assertThat(failed()).isZero();
        }

        @Test
        void shouldCountNoticesAfterStopAsFailedWithoutThrowing() throws Exception {
            HandoffWebhook webhook = webhook(5, Duration.ofSeconds(1));
            webhook.stop();

            webhook.notify(notice());

            assertThat(failed()).isEqualTo(1);
            assertThat(receiver.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    @DisplayName("settings")
    class Settings {

        @Test
        void shouldSwitchDeliveryOffForABlankUrl() {
            assertThat(WebhookSettings.of("  ", null).enabled()).isFalse();
            assertThat(WebhookSettings.of("https://support.example.com/hooks", "s").maxAttempts())
                    .isEqualTo(WebhookSettings.DEFAULT_MAX_ATTEMPTS);
        }

        @Test
        void shouldRefuseAUrlWithoutASigningSecret() {
            assertThatThrownBy(() -> WebhookSettings.of("https://support.example.com/hooks", " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signing secret");
            assertThatThrownBy(() -> WebhookSettings.of("ftp://support.example.com/hooks", "s"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldKeepTheSecretAndTheUrlPathOutOfItsDescription() {
            String described = WebhookSettings.of("https://hooks.example.com:8443/services/T0/B0/XyZtoken", "hush").toString();

            assertThat(described).contains("https://hooks.example.com:8443/").doesNotContain("hush", "XyZtoken");
        }

        @Test
        void shouldRejectAnUnknownReason() {
            assertThatThrownBy(() -> com.genaiauto.conversations.model.HandoffReason.fromWire("bored"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bored");
            assertThatThrownBy(() -> new HandoffNotice(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                    "", Instant.now())).isInstanceOf(NullPointerException.class).hasMessageContaining("reason");
        }
    }

    private static String hmacSha256Hex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
