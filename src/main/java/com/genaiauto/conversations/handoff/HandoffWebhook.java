package com.genaiauto.conversations.handoff;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.lifecycle.Managed;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers handoff notices to the support team's webhook (HUMAN_SUPPORT_WEBHOOK) without ever
 * holding up the chat reply: {@link #notify} queues the notice on two worker threads and returns.
 *
 * <p>Each delivery is a signed JSON POST:
 * <pre>
 * Content-Type: application/json
 * X-GenAI-Timestamp: 1764140400                     (epoch seconds of this attempt)
 * X-GenAI-Signature: sha256=&lt;hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;body&gt;"&gt;
 * X-GenAI-Delivery: &lt;uuid, the same on every attempt, for de-duplication&gt;
 *
 * {"event":"handoff.created","handoffId":"…","conversationId":"…","userId":"…",
 *  "reason":"safety","summary":"…","createdAt":"2026-11-26T07:00:00Z"}
 * </pre>
 * Connection errors, timeouts, 5xx and 429 are retried with exponential backoff and jitter
 * (Retry-After honoured when it asks for at most two minutes); other statuses are final.
 * Outcomes are counted as {@code handoff.webhook.delivered} and {@code handoff.webhook.failed}.
 */
public final class HandoffWebhook implements HandoffNotifier, Managed {

    public static final String EVENT = "handoff.created";
    public static final String TIMESTAMP_HEADER = "X-GenAI-Timestamp";
    public static final String SIGNATURE_HEADER = "X-GenAI-Signature";
    public static final String DELIVERY_HEADER = "X-GenAI-Delivery";
    public static final String DELIVERED_METRIC = "handoff.webhook.delivered";
    public static final String FAILED_METRIC = "handoff.webhook.failed";

    private static final Logger LOG = LoggerFactory.getLogger(HandoffWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 2;
    private static final int QUEUE_CAPACITY = 200;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final WebhookSettings settings;
    private final Counter delivered;
    private final Counter failed;
    private final HttpClient http;
    private final Retry retry;
    private final ThreadPoolExecutor workers;

    public HandoffWebhook(WebhookSettings settings, MetricRegistry metrics) {
        this.settings = settings;
        this.delivered = metrics.counter(DELIVERED_METRIC);
        this.failed = metrics.counter(FAILED_METRIC);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retry = Retry.of("handoff-webhook", retryConfig(settings));
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), daemonThreads());
        this.workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public void notify(HandoffNotice notice) {
        if (!settings.enabled()) {
            LOG.debug("No support webhook configured; handoff {} is not sent anywhere", notice.handoffId());
            return;
        }
        try {
            workers.execute(new Delivery(notice, UUID.randomUUID()));
        } catch (RejectedExecutionException e) {
            failed.inc();
            LOG.warn("Handoff {} not sent to the support webhook: {}", notice.handoffId(),
                    workers.isShutdown() ? "shutting down" : "delivery queue full");
        }
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            LOG.info("Handoff notices go to {}", settings.redactedUrl());
        }
    }

    /** Lets running deliveries finish for a few seconds, then abandons the rest (and says which). */
    @Override
    public void stop() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            List<Runnable> abandoned = workers.shutdownNow();
            for (Runnable task : abandoned) {
                failed.inc();
                LOG.warn("Handoff {} not sent to the support webhook: shutting down", ((Delivery) task).notice.handoffId());
            }
            workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The same as {@link #stop()}, for use outside Dropwizard's lifecycle. */
    public void close() throws InterruptedException {
        stop();
    }

    /** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"}: what receivers recompute to verify. */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String payload(HandoffNotice notice) {
        ObjectNode body = JSON.createObjectNode()
                .put("event", EVENT)
                .put("handoffId", notice.handoffId().toString())
                .put("conversationId", notice.conversationId().toString())
                .put("userId", notice.userId().toString())
                .put("reason", notice.reason().wire())
                .put("summary", notice.summary())
                .put("createdAt", notice.createdAt().toString());
        return body.toString();
    }

    private static RetryConfig retryConfig(WebhookSettings settings) {
        Duration cap = settings.initialBackoff().compareTo(MAX_BACKOFF) > 0 ? settings.initialBackoff() : MAX_BACKOFF;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, cap);
        return RetryConfig.<Integer>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(RetryableFailure.class::isInstance)
                .intervalBiFunction((attempt, outcome) -> {
                    if (outcome.isLeft() && outcome.getLeft() instanceof RetryableFailure failure
                            && failure.retryAfter != null) {
                        return Math.max(1, failure.retryAfter.toMillis());
                    }
                    return backoff.apply(attempt);
                })
                .build();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "handoff-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One notice on its way: the body and delivery id stay the same over all attempts. */
    private final class Delivery implements Runnable {

        private final HandoffNotice notice;
        private final UUID deliveryId;
        private final AtomicInteger attempts = new AtomicInteger();

        Delivery(HandoffNotice notice, UUID deliveryId) {
            this.notice = notice;
            this.deliveryId = deliveryId;
        }

        @Override
        public void run() {
            String body = payload(notice);
            try {
                int status = retry.executeCallable(() -> attempt(body));
                delivered.inc();
                LOG.info("Handoff {} delivered to the support webhook (delivery {}, attempt {}, status {})",
                        notice.handoffId(), deliveryId, attempts.get(), status);
            } catch (InterruptedException e) {
                failed.inc();
                LOG.warn("Handoff {} not sent to the support webhook: interrupted after {} attempt(s)",
                        notice.handoffId(), attempts.get());
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failed.inc();
                LOG.warn("Handoff {} not delivered to the support webhook after {} attempt(s) (delivery {}): {}",
                        notice.handoffId(), attempts.get(), deliveryId, e.getMessage());
            }
        }

        private int attempt(String body) throws IOException, InterruptedException {
            int attempt = attempts.incrementAndGet();
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.attemptTimeout())
                    .header("Content-Type", "application/json")
                    .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(SIGNATURE_HEADER, "sha256=" + signature(settings.secret(), timestamp, body))
                    .header(DELIVERY_HEADER, deliveryId.toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> response;
            try {
                // The request timeout covers the wait for headers; this also bounds a body that trickles.
                response = exchange.get(settings.attemptTimeout().toMillis() + 100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                throw retryable(attempt, "no answer within " + settings.attemptTimeout().toMillis() + " ms", null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String what = cause instanceof HttpTimeoutException
                        ? "no answer within " + settings.attemptTimeout().toMillis() + " ms"
                        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                throw retryable(attempt, what, null);
            } catch (InterruptedException e) {
                exchange.cancel(true);
                throw e;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return status;
            }
            if (status == 429 || status >= 500) {
                throw retryable(attempt, "status " + status, retryAfter(response).orElse(null));
            }
            throw new PermanentFailure("status " + status + ", not retried");
        }

        private RetryableFailure retryable(int attempt, String what, Duration retryAfter) {
            if (attempt < settings.maxAttempts()) {
                LOG.info("Support webhook attempt {} of {} for handoff {} failed ({}); retrying",
                        attempt, settings.maxAttempts(), notice.handoffId(), what);
            }
            return new RetryableFailure(what, retryAfter);
        }
    }

    /** Retry-After in seconds, when it is a number of seconds the delivery can reasonably wait. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                Duration wait = Duration.ofSeconds(seconds);
                return seconds >= 0 && wait.compareTo(MAX_RETRY_AFTER) <= 0 ? Optional.of(wait) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date or garbage: fall back to the backoff
            }
        });
    }

    /** Worth another attempt: no answer, 5xx or 429. */
    private static final class RetryableFailure extends IOException {
        private final transient Duration retryAfter;

        RetryableFailure(String message, Duration retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }
    }

    /** The receiver refused the notice (4xx other than 429): another attempt would be refused too. */
    private static final class PermanentFailure extends IOException {
        PermanentFailure(String message) {
            super(message, null);
        }
    }
}
