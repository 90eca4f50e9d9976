package com.genaiauto.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much latency the router and gateway add. The same requests go straight to a local fake
 * provider that answers at once, and through {@code /v1/chat/completions}, at 1, 16 and 64
 * concurrent clients, after a warm-up ({@code -Dbench.warmup}, 20,000 requests by default), in
 * interleaved rounds, each request with a unique prompt: not cacheable, and cacheable
 * (temperature 0) so that the gateway looks in the response cache and misses. Then streaming
 * against a paced SSE fake: added time to first token and added gap between chunks. Prints
 * figures; asserts nothing. Run with {@code bench/gateway}; {@code -Dbench.quick=true} measures
 * one client only.
 */
public final class GatewayBenchmark {

    private static final PrintStream OUT = System.err;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int STREAM_CHUNKS = 10;
    private static final int STREAM_GAP_MS = 20;
    private static final String WARM_UP = "(warm-up) ";

    public static void main(String[] args) throws Exception {
        // Without it the JDK's HttpServer stalls on delayed ACKs (about 40 ms) and hides everything.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer fake = fakeProvider();
        TestDatabase database = TestDatabase.create();
        PrivateRedis redis = PrivateRedis.started();
        // -Dbench.redis=off measures the gateway without Redis (local rate limits), to see its share.
        String redisUrl = "off".equals(System.getProperty("bench.redis")) ? "redis://127.0.0.1:1/0" : redis.url();
        AppConfig config = AppConfig.defaults().database(database::jdbcUrl).redis(() -> redisUrl)
                .set("llm.providers[0].baseUrl", "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1")
                .set("llm.providers[0].apiKey", "sk-bench")
                .set("llm.providers[0].requestsPerMinute", "100000000")
                .set("llm.providers[0].maxConcurrentCalls", "512")
                .set("llm.gatewayRequestsPerMinutePerKey", "100000000")
                .set("logging.level", "ERROR");
        for (String override : System.getProperty("bench.override", "").split(",")) {
            if (!override.isBlank()) {
                config.set(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
            }
        }
        DropwizardTestSupport<GenAiAutoConfiguration> app = new DropwizardTestSupport<>(GenAiAutoApplication.class,
                AppConfig.CONFIG_PATH, config.toArray());
        app.before();
        try {
            Api api = new Api(app.getLocalPort());
            String adminToken = new Accounts(api).admin().accessToken();
            Api.Reply created = api.post("/api/v1/auth/api-keys", Map.of("name", "bench"), adminToken);
            String key = created.field("key");
            if (Boolean.getBoolean("bench.limits")) {
                // Every per-key check on every request: model list, request and token rates, and
                // daily and monthly budgets (large enough never to be reached).
                api.send("PUT", "/api/v1/llm/keys/" + created.json().path("apiKey").path("id").asText() + "/limits",
                        Map.of("dailyBudgetUsd", 1_000_000, "monthlyBudgetUsd", 10_000_000, "requestsPerMinute", 100_000_000,
                                "tokensPerMinute", 1_000_000_000, "allowedModels", java.util.List.of("balanced")),
                        adminToken);
                OUT.println("key limits: budgets per day and month, request and token rates, allowed models");
            }
            URI direct = URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/v1/chat/completions");
            URI gateway = URI.create("http://127.0.0.1:" + app.getLocalPort() + "/v1/chat/completions");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(8)).build();

            OUT.printf("machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            // Long enough for the JIT to finish with the request path: with 3,000 it is still
            // compiling during the measured rounds (see docs/benchmarks.md).
            int warmUp = Integer.getInteger("bench.warmup", 20_000);
            OUT.printf("warm-up: %d direct + %d gateway requests%n", warmUp, warmUp);
            for (int clients : new int[] {8, 1}) {
                for (boolean cacheable : new boolean[] {false, true}) {
                    run(client, direct, null, clients, warmUp / 4 / clients, cacheable);
                    run(client, gateway, key, clients, warmUp / 4 / clients, cacheable);
                }
            }

            OUT.println();
            OUT.println("| clients | request | direct p50 ms | gateway p50 ms | added p50 ms | direct p99 ms | gateway p99 ms | added p99 ms | gateway req/s |");
            OUT.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            measure(client, direct, gateway, key, 1, false);
            // temperature 0 makes the request cacheable: a Redis lookup that misses, then the provider.
            measure(client, direct, gateway, key, 1, true);
            if (!Boolean.getBoolean("bench.quick")) {
                measure(client, direct, gateway, key, 16, false);
                measure(client, direct, gateway, key, 64, false);
            }

            String peer = System.getProperty("bench.portkey");
            if (peer != null && !peer.isBlank()) {
                comparePeer(client, direct, gateway, key, URI.create(peer + "/v1/chat/completions"),
                        PEER + "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1", warmUp);
            }

            OUT.println();
            OUT.printf("streaming: %d chunks, %d ms apart, 1 client, 40 interleaved rounds%n", STREAM_CHUNKS, STREAM_GAP_MS);
            List<Long> directFirst = new ArrayList<>();
            List<Long> gatewayFirst = new ArrayList<>();
            List<Long> directGaps = new ArrayList<>();
            List<Long> gatewayGaps = new ArrayList<>();
            // Streams through the gateway run other code than plain answers: warm it too, with
            // streams the fake sends without pauses.
            for (int round = 0; round < warmUp / 10; round++) {
                stream(client, direct, null, true, new ArrayList<>(), new ArrayList<>());
                stream(client, gateway, key, true, new ArrayList<>(), new ArrayList<>());
            }
            for (int round = 0; round < 40; round++) {
                stream(client, direct, null, false, directFirst, directGaps);
                stream(client, gateway, key, false, gatewayFirst, gatewayGaps);
            }
            OUT.println("| figure | direct ms | gateway ms | added ms |");
            OUT.println("| --- | --- | --- | --- |");
            printRow("time to first token p50", directFirst, gatewayFirst, 50);
            printRow("time to first token p99", directFirst, gatewayFirst, 99);
            printRow("gap between chunks p50", directGaps, gatewayGaps, 50);
            printRow("gap between chunks p99", directGaps, gatewayGaps, 99);
        } finally {
            app.after();
            fake.stop(0);
            redis.stop();
            database.drop();
        }
        System.exit(0);
    }

    /** Six interleaved rounds of direct and gateway requests; prints one table row. */
    private static void measure(HttpClient client, URI direct, URI gateway, String key, int clients, boolean cacheable)
            throws Exception {
        int perClient = clients == 1 ? 400 : clients == 16 ? 60 : 20;
        List<Long> directTimes = new ArrayList<>();
        List<Long> gatewayTimes = new ArrayList<>();
        double gatewayRate = 0;
        int rounds = 6;
        for (int round = 0; round < rounds; round++) {
            directTimes.addAll(run(client, direct, null, clients, perClient, cacheable).latencies());
            Result through = run(client, gateway, key, clients, perClient, cacheable);
            gatewayTimes.addAll(through.latencies());
            gatewayRate += through.perSecond() / rounds;
        }
        double d50 = percentile(directTimes, 50);
        double g50 = percentile(gatewayTimes, 50);
        double d99 = percentile(directTimes, 99);
        double g99 = percentile(gatewayTimes, 99);
        OUT.printf(Locale.ROOT, "| %d | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f |%n", clients,
                cacheable ? "cacheable, cache miss" : "not cacheable", d50, g50, g50 - d50, d99, g99, g99 - d99,
                gatewayRate);
    }

    /**
     * This gateway and Portkey's open-source gateway side by side, both in front of the same fake
     * provider, in interleaved rounds: added time and throughput at 1 and 64 clients.
     */
    private static void comparePeer(HttpClient client, URI direct, URI gateway, String key, URI peer, String peerKey,
                                    int warmUp) throws Exception {
        for (int clients : new int[] {8, 1}) {
            run(client, peer, peerKey, clients, warmUp / 4 / clients, false);
        }
        OUT.println();
        OUT.println("| clients | direct p50 ms | genai-auto added p50 ms | Portkey added p50 ms | genai-auto added p99 ms "
                + "| Portkey added p99 ms | genai-auto req/s | Portkey req/s |");
        OUT.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int clients : new int[] {1, 64}) {
            int perClient = clients == 1 ? 400 : 20;
            List<Long> directTimes = new ArrayList<>();
            List<Long> ours = new ArrayList<>();
            List<Long> theirs = new ArrayList<>();
            double ourRate = 0;
            double theirRate = 0;
            for (int round = 0; round < 6; round++) {
                directTimes.addAll(run(client, direct, null, clients, perClient, false).latencies());
                Result a = run(client, gateway, key, clients, perClient, false);
                Result b = run(client, peer, peerKey, clients, perClient, false);
                ours.addAll(a.latencies());
                theirs.addAll(b.latencies());
                ourRate += a.perSecond() / 6;
                theirRate += b.perSecond() / 6;
            }
            double d50 = percentile(directTimes, 50);
            double d99 = percentile(directTimes, 99);
            OUT.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f |%n", clients, d50,
                    percentile(ours, 50) - d50, percentile(theirs, 50) - d50, percentile(ours, 99) - d99,
                    percentile(theirs, 99) - d99, ourRate, theirRate);
        }
    }

    private static void printRow(String name, List<Long> direct, List<Long> gateway, int p) {
        double d = percentile(direct, p);
        double g = percentile(gateway, p);
        OUT.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", name, d, g, g - d);
    }

    /** Marks the key argument of a request to the peer gateway: the rest is the provider URL it is to call. */
    private static final String PEER = "peer:";

    private record Result(List<Long> latencies, double perSecond) {
    }

    private static Result run(HttpClient client, URI target, String key, int clients, int perClient, boolean cacheable)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try {
                    for (int i = 0; i < perClient; i++) {
                        HttpRequest request = request(target, key, false, cacheable, false);
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode() + ": " + response.body());
                        }
                        latencies.add(elapsed);
                    }
                } catch (Exception e) {
                    OUT.println("request failed: " + e);
                } finally {
                    done.countDown();
                }
                return null;
            });
        }
        done.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Result(latencies, latencies.size() / seconds);
    }

    private static void stream(HttpClient client, URI target, String key, boolean warmUp, List<Long> first,
                               List<Long> gaps) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request(target, key, true, false, warmUp),
                HttpResponse.BodyHandlers.ofInputStream());
        long last = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:") || !line.contains("\"content\":\"tok")) {
                    continue;
                }
                long now = System.nanoTime();
                if (last < 0) {
                    first.add(now - t0);
                } else {
                    gaps.add(now - last);
                }
                last = now;
            }
        }
    }

    private static HttpRequest request(URI target, String key, boolean stream, boolean cacheable, boolean warmUp) {
        boolean ours = key != null && !key.startsWith(PEER);
        String body = "{\"model\":\"" + (!ours ? "anthropic/claude-3.5-haiku" : System.getProperty("bench.model", "balanced")) + "\","
                + (stream ? "\"stream\":true," : "")
                + (cacheable ? "\"temperature\":0," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + (warmUp ? WARM_UP : "") + "Question " + SEQUENCE.incrementAndGet()
                + ": how often should the cabin filter be replaced?\"}]}";
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null && key.startsWith(PEER)) {
            // Portkey's OpenAI provider, pointed at the same fake provider.
            builder.header("Authorization", "Bearer sk-bench").header("x-portkey-provider", "openai")
                    .header("x-portkey-custom-host", key.substring(PEER.length()));
        } else if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder.build();
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** A provider that answers at once (JSON) or in paced chunks (SSE). */
    /** An OpenAI-compatible provider on loopback that answers at once (streams paced at 20 ms a chunk). */
    static HttpServer fakeProvider() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(128));
        String answer = "{\"id\":\"chatcmpl-b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Every 15,000 km.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":6,\"total_tokens\":26}}";
        byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            boolean stream = JSON.readTree(request).path("stream").asBoolean(false);
            int gap = new String(request, StandardCharsets.UTF_8).contains(WARM_UP) ? 0 : STREAM_GAP_MS;
            if (!stream) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answerBytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answerBytes);
                }
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < STREAM_CHUNKS; i++) {
                    out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (gap > 0) {
                        Thread.sleep(gap);
                    }
                }
                out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }
}
