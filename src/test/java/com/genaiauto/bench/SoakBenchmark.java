package com.genaiauto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.rag.DocumentFixtures;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed traffic for a long while against the packaged jar on the production heap
 * ({@code -Xmx1075m -XX:+ExitOnOutOfMemoryError}), its own PostgreSQL database and Redis, and a
 * fake OpenAI-compatible provider on loopback: chats (REST, streamed, over a WebSocket), searches,
 * gateway completions and uploads, at a fixed rate. Every minute it prints the requests, the
 * failures (5xx or no answer; 429 counted apart), p99, the process's resident memory and the heap
 * after a full collection, and at the end the slope of the heap after GC (a leak shows as a
 * steady rise). Prints figures; asserts nothing. {@code bench/soak} (30 minutes at 20 requests/s);
 * {@code -Dsoak.minutes}, {@code -Dsoak.rate} change them.
 */
public final class SoakBenchmark {

    private static final PrintStream OUT = System.err;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> QUESTIONS = List.of("How often should the cabin filter be replaced?",
            "What tyre pressure does the car need?", "How do I reset the service reminder?",
            "Where is the jacking point?", "What does the orange engine light mean?", "How do I charge at home?",
            "What oil does the engine take?", "When is the next service due?", "How do I pair my phone?");

    enum Kind { CHAT, STREAM, SOCKET, SEARCH, GATEWAY, UPLOAD }

    record Outcome(Kind kind, boolean failed, boolean limited, long micros) {
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("soak.minutes", 30);
        int rate = Integer.getInteger("soak.rate", 20);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer provider = GatewayBenchmark.fakeProvider();
        TestDatabase database = TestDatabase.create();
        PrivateRedis redis = PrivateRedis.started();
        Map<String, String> environment = Map.of(
                "OPENROUTER_BASE_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1",
                "OPENROUTER_API_KEY", "sk-soak", "LOG_LEVEL", "ERROR", "GATEWAY_RATE_PER_KEY", "100000",
                "OPENROUTER_REQUESTS_PER_MINUTE", "100000");
        ServedJar app = ServedJar.start(database, redis, environment, "config.yml",
                List.of("-Xmx1075m", "-XX:+ExitOnOutOfMemoryError"));
        int exit = 1;
        try {
            run(app, minutes, rate);
            exit = 0;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
        } finally {
            app.close();
            provider.stop(0);
            redis.stop();
            database.drop();
            // The clients' and the fake provider's threads would keep the JVM alive after the figures.
            System.exit(exit);
        }
    }

    private static final int RENEW_MINUTES = 20;

    private static void run(ServedJar app, int minutes, int rate) throws Exception {
        Api api = app.api();
        task(app, "kb-seed");
        Accounts accounts = new Accounts(api);
        Accounts.Session administrator = accounts.admin();
        String key = api.post("/api/v1/auth/api-keys", Map.of("name", "soak"), administrator.accessToken()).field("key");
        List<Accounts.Session> owners = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            Accounts.Session owner = accounts.aCustomer().register();
            owner.aVehicle().create();
            owners.add(owner);
        }
        OUT.printf("soak: %d min at %d requests/s (chat 30 %%, search 25 %%, gateway 20 %%, stream 10 %%, socket 10 %%, "
                + "upload 5 %%), jar pid %d, -Xmx1075m%n", minutes, rate, app.pid());
        OUT.println("| minute | requests | failed | rate-limited | p50 ms | p99 ms | RSS MiB | heap after GC MiB |");
        OUT.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        ExecutorService clients = Executors.newFixedThreadPool(64);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger uploads = new AtomicInteger();
        List<double[]> heapByMinute = new ArrayList<>();
        long totalRequests = 0;
        long totalFailed = 0;
        List<Outcome> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int minute = 1; minute <= minutes; minute++) {
            if (minute % RENEW_MINUTES == 0) {
                // Access tokens last 30 minutes: the clients renew their sessions as real ones do.
                owners.replaceAll(Accounts.Session::refreshed);
                administrator = administrator.refreshed();
            }
            String admin = administrator.accessToken();
            long minuteEnd = start + TimeUnit.MINUTES.toNanos(minute);
            long next = System.nanoTime();
            while (System.nanoTime() < minuteEnd) {
                Kind kind = pick();
                Accounts.Session owner = owners.get(ThreadLocalRandom.current().nextInt(owners.size()));
                clients.submit(() -> outcomes.add(send(app, kind, owner, key, admin, uploads)));
                next += 1_000_000_000L / rate;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            List<Outcome> done = new ArrayList<>();
            for (Outcome outcome; (outcome = outcomes.poll()) != null; ) {
                done.add(outcome);
            }
            long failed = done.stream().filter(Outcome::failed).count();
            long limited = done.stream().filter(Outcome::limited).count();
            long[] micros = done.stream().mapToLong(Outcome::micros).sorted().toArray();
            double heap = heapAfterGc(app.pid());
            heapByMinute.add(new double[] {minute, heap});
            OUT.printf("| %d | %d | %d | %d | %.1f | %.1f | %.0f | %.1f |%n", minute, done.size(), failed, limited,
                    percentile(micros, 0.50) / 1000.0, percentile(micros, 0.99) / 1000.0, rss(app.pid()), heap);
            all.addAll(done);
            totalRequests += done.size();
            totalFailed += failed;
            if (!app.isAlive()) {
                OUT.println("the service exited");
                break;
            }
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.MINUTES);
        OUT.println("| kind | requests | failed | p50 ms | p99 ms |");
        OUT.println("| --- | --- | --- | --- | --- |");
        for (Kind kind : Kind.values()) {
            List<Outcome> of = all.stream().filter(outcome -> outcome.kind() == kind).toList();
            long[] micros = of.stream().mapToLong(Outcome::micros).sorted().toArray();
            OUT.printf("| %s | %d | %d | %.1f | %.1f |%n", kind.name().toLowerCase(java.util.Locale.ROOT), of.size(),
                    of.stream().filter(Outcome::failed).count(), percentile(micros, 0.50) / 1000.0,
                    percentile(micros, 0.99) / 1000.0);
        }
        List<double[]> settled = heapByMinute.subList(Math.min(5, heapByMinute.size() - 1), heapByMinute.size());
        OUT.printf("total: %d requests, %d failed (%.3f %%); heap after GC slope from minute 5: %+.3f MiB/min%n",
                totalRequests, totalFailed, 100.0 * totalFailed / Math.max(1, totalRequests), slope(settled));
    }

    private static Kind pick() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        return roll < 30 ? Kind.CHAT : roll < 55 ? Kind.SEARCH : roll < 75 ? Kind.GATEWAY
                : roll < 85 ? Kind.STREAM : roll < 95 ? Kind.SOCKET : Kind.UPLOAD;
    }

    private static Outcome send(ServedJar app, Kind kind, Accounts.Session owner, String key, String admin,
                                AtomicInteger uploads) {
        long started = System.nanoTime();
        int status;
        try {
            String question = QUESTIONS.get(ThreadLocalRandom.current().nextInt(QUESTIONS.size()));
            status = switch (kind) {
                case CHAT -> post(app, "/api/v1/chat", Map.of("message", question), owner.accessToken(), "application/json");
                case STREAM -> post(app, "/api/v1/chat/stream", Map.of("message", question), owner.accessToken(),
                        "text/event-stream");
                case SEARCH -> app.api().post("/api/v1/search", Map.of("query", question), owner.accessToken()).status();
                case GATEWAY -> gateway(app, key, question);
                case SOCKET -> socketChat(app, owner, question);
                case UPLOAD -> upload(app, admin, uploads.incrementAndGet());
            };
        } catch (Exception e) {
            status = 0;
        }
        // Anything but the expected answer is a failure: a 401 or 422 is as wrong here as a 500.
        boolean expected = kind == Kind.UPLOAD ? status == 202 : kind == Kind.SOCKET ? status == 200 || status == 101
                : status == 200;
        return new Outcome(kind, !expected && status != 429, status == 429, (System.nanoTime() - started) / 1000);
    }

    private static int post(ServedJar app, String path, Object body, String token, String accept) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri(app, path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }

    private static int gateway(ServedJar app, String key, String question) throws Exception {
        Map<String, Object> body = Map.of("model", "balanced", "messages",
                List.of(Map.of("role", "user", "content", question + " " + System.nanoTime())));
        return HTTP.send(HttpRequest.newBuilder(uri(app, "/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int upload(ServedJar app, String admin, int n) {
        DocumentFixtures.Multipart form = DocumentFixtures.multipart("soak-" + n + ".md", "text/markdown",
                ("# Soak note " + n + "\n\nCheck the wiper blades every " + n + " months.\n").getBytes(StandardCharsets.UTF_8));
        return app.api().sendBytes("POST", "/api/v1/documents", form.contentType(), form.body(), admin).status();
    }

    /** A chat over the WebSocket of a new conversation: authenticate, send, wait for "done". */
    private static int socketChat(ServedJar app, Accounts.Session owner, String question) throws Exception {
        Api.Reply first = app.api().post("/api/v1/chat", Map.of("message", "hello"), owner.accessToken());
        if (first.status() != 200) {
            return first.status();
        }
        String session = first.field("sessionId");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/" + session), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String type = type(partial.toString());
                            partial.setLength(0);
                            if ("ready".equals(type)) {
                                webSocket.sendText("{\"type\":\"message\",\"text\":" + quote(question) + "}", true);
                            } else if ("done".equals(type)) {
                                done.complete(200);
                            } else if ("error".equals(type)) {
                                done.complete(500);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                        done.complete(code == 1000 ? 200 : 500);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + owner.accessToken() + "\"}", true);
        try {
            return done.get(60, TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static String type(String frame) {
        try {
            JsonNode node = JSON.readTree(frame);
            return node.path("type").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void task(ServedJar app, String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.adminPort() + "/tasks/" + name))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode());
        }
    }

    private static URI uri(ServedJar app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** Heap in use after a full collection, from the JDK's own diagnostic command. */
    private static double heapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static double rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (double[] point : points) {
            sx += point[0];
            sy += point[1];
            sxy += point[0] * point[1];
            sxx += point[0] * point[0];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }
}
