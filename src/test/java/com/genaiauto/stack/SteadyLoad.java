package com.genaiauto.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owners reading their conversations and chatting through nginx, steadily, from a few threads:
 * the traffic a deployment must carry without failing. Every request is recorded; a chat the
 * service answered 200 is an acknowledged message, which must be in its conversation afterwards.
 * With retries on, a request that fails in transport or with 502/503/504 is sent again as a client
 * may (reads are idempotent; chats carry an idempotency key), and only the final outcome counts.
 */
final class SteadyLoad implements AutoCloseable {

    record Owner(String accessToken) {
    }

    record Outcome(String kind, int status, long nanos, int attempts, int resent, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    record Acknowledged(UUID sessionId, String message, String token) {
    }

    record Summary(int sent, int failed, int retried, int resent, double p50Millis, double p99Millis,
                   double maxMillis, List<Outcome> failures, List<Acknowledged> acknowledged) {
        String describe(String phase) {
            return String.format(Locale.ROOT, "%s: %d requests sent, %d failed, %d retried, %d resent after an "
                    + "HTTP/2 GOAWAY; latency p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d chats acknowledged", phase,
                    sent, failed, retried, resent, p50Millis, p99Millis, maxMillis, acknowledged.size());
        }
    }

    private final HttpClient http;
    private final String base;
    private final boolean retry;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    private SteadyLoad(HttpClient http, String base, boolean retry) {
        this.http = http;
        this.base = base;
        this.retry = retry;
    }

    /** One thread per owner, each with a conversation of its own, a request every {@code pause}. */
    static SteadyLoad start(HttpClient http, String base, List<Owner> owners, Duration pause, boolean retry) {
        SteadyLoad load = new SteadyLoad(http, base, retry);
        for (int i = 0; i < owners.size(); i++) {
            Owner owner = owners.get(i);
            String name = "load-" + i;
            Thread worker = new Thread(() -> load.drive(owner, name, pause), name);
            worker.start();
            load.workers.add(worker);
        }
        return load;
    }

    private void drive(Owner owner, String name, Duration pause) {
        UUID session = null;
        int n = 0;
        while (running.get()) {
            n++;
            if (n % 2 == 1) {
                outcomes.add(send("read", () -> get("/api/v1/conversations?limit=5", owner.accessToken())));
            } else {
                String message = "How often should the cabin filter be changed? (" + name + " #" + n + ")";
                Map<String, Object> body = new java.util.HashMap<>(Map.of("message", message,
                        "idempotencyKey", UUID.randomUUID().toString()));
                if (session != null) {
                    body.put("sessionId", session.toString());
                }
                Outcome outcome = send("chat", () -> post("/api/v1/chat", body, owner.accessToken()));
                outcomes.add(outcome);
                if (outcome.status() == 200) {
                    session = lastSession.get();
                    acknowledged.add(new Acknowledged(session, message, owner.accessToken()));
                }
            }
            sleep(pause);
        }
    }

    private final ThreadLocal<UUID> lastSession = new ThreadLocal<>();

    private interface Call {
        HttpResponse<String> call() throws IOException, InterruptedException;
    }

    private Outcome send(String kind, Call call) {
        long started = System.nanoTime();
        int attempts = 0;
        int resent = 0;
        while (true) {
            attempts++;
            String failure;
            int status = 0;
            try {
                HttpResponse<String> response = call.call();
                status = response.statusCode();
                if (status == 200) {
                    if (kind.equals("chat")) {
                        JsonNode json = Api.JSON.readTree(response.body());
                        lastSession.set(UUID.fromString(json.path("sessionId").asText()));
                    }
                    return new Outcome(kind, status, System.nanoTime() - started, attempts - resent, resent, null);
                }
                failure = "HTTP " + status + ": " + response.body();
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("GOAWAY") && resent < 2) {
                    // nginx closes an HTTP/2 connection after keepalive_requests (1,000) streams with
                    // GOAWAY; streams it did not take were never processed and every HTTP/2 client
                    // sends them again (RFC 9113, 6.8). The JDK client leaves that to its caller.
                    resent++;
                    continue;
                }
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            boolean retryable = status == 0 || status == 502 || status == 503 || status == 504;
            if (!retry || !retryable || attempts >= 4) {
                return new Outcome(kind, status, System.nanoTime() - started, attempts - resent, resent, failure);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Object body, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers after their current request and sums up. */
    Summary stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(90).toMillis());
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        List<Long> nanos = new ArrayList<>(all.stream().map(Outcome::nanos).toList());
        Collections.sort(nanos);
        List<Outcome> failures = all.stream().filter(Outcome::failed).toList();
        int retried = (int) all.stream().filter(outcome -> outcome.attempts() > 1).count();
        int resent = all.stream().mapToInt(Outcome::resent).sum();
        return new Summary(all.size(), failures.size(), retried, resent, percentile(nanos, 0.50), percentile(nanos, 0.99),
                nanos.isEmpty() ? 0 : nanos.get(nanos.size() - 1) / 1e6, failures, List.copyOf(acknowledged));
    }

    private static double percentile(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
