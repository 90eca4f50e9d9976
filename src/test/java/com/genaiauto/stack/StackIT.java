package com.genaiauto.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.Processes;
import com.genaiauto.testing.SocketFrames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Compose stack of this repository, built and run for real (scripts/test-stack): the image
 * from the Dockerfile, docker-compose.yml with a test .env, nginx in front with a generated
 * certificate. Each step builds on the state the previous one left, as an operator's day would.
 * Figures (requests, failures, latency) are printed and written to target/stack-figures.txt.
 */
@DisplayName("The Compose stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {

    /** The release before the newest migration, built from git history: schema N. */
    static final String PREVIOUS = "0.9.0-previous";
    /** This tree: schema N+1. */
    static final String CURRENT = "1.0.0-current";
    static final List<String> FIGURES = new ArrayList<>();

    static ComposeStack stack;
    static HttpClient https;
    static Api api;
    static List<Accounts.Session> owners;
    static String newestMigration;

    @BeforeAll
    static void buildAndStart() throws Exception {
        stack = ComposeStack.prepare();
        newestMigration = stack.buildPreviousRelease(PREVIOUS);
        stack.buildImage(CURRENT);
        long started = System.nanoTime();
        // Three replicas starting together, against an empty database.
        stack.composeOrFail("up", "-d", "--no-build", "--wait", "--scale", "api=3");
        FIGURES.add(String.format("stack up with 3 replicas (empty database): %.0f s", (System.nanoTime() - started) / 1e9));
        https = HttpClient.newBuilder().sslContext(stack.trustingItsCertificate())
                .connectTimeout(Duration.ofSeconds(5)).build();
        api = new Api(stack.baseUrl(), https);
        Accounts accounts = new Accounts(api);
        // nginx lets six auth requests from one address through at once, then one every 6 s, and a
        // sign-up is two (register, then sign in): three owners at once, the fourth once two more
        // have come back. Four owners drive the load.
        Accounts.Session first = accounts.aCustomer().register();
        Accounts.Session second = accounts.aCustomer().register();
        Accounts.Session third = accounts.aCustomer().register();
        Thread.sleep(Duration.ofSeconds(13).toMillis());
        owners = List.of(first, second, third, accounts.aCustomer().register());
    }

    @AfterAll
    static void tearDown() throws Exception {
        FIGURES.forEach(line -> System.out.println("[stack] " + line));
        Files.write(Path.of(System.getProperty("build.dir", "target"), "stack-figures.txt"), FIGURES);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void shouldRunEveryServiceHealthyWithOnlyNginxPublishedOnLoopback() {
        for (String service : List.of("postgres", "redis", "api", "nginx")) {
            List<String> containers = stack.containers(service);
            assertThat(containers).as(service).isNotEmpty();
            for (String container : containers) {
                assertThat(stack.inspect(container, "{{.State.Health.Status}}")).as(service).isEqualTo("healthy");
                String bindings = stack.inspect(container, "{{range $p, $b := .NetworkSettings.Ports}}"
                        + "{{range $b}}{{$p}}@{{.HostIp}} {{end}}{{end}}");
                if (service.equals("nginx")) {
                    assertThat(bindings.split(" ")).containsExactlyInAnyOrder("80/tcp@127.0.0.1", "443/tcp@127.0.0.1");
                } else {
                    assertThat(bindings).as("published ports of %s", service).isEmpty();
                }
            }
        }
        assertThat(stack.containers("api")).hasSize(3);
    }

    @Test
    @Order(2)
    void shouldMigrateOnceWhenThreeReplicasStartTogether() {
        // The first boot runs the previous release: one replica holds the migration lock for the
        // whole history while the others wait and find nothing pending.
        assertThat(stack.psql("select count(*) from flyway_schema_history where not success")).isEqualTo("0");
        assertThat(stack.psql("select count(*) from flyway_schema_history where success")).isEqualTo(
                stack.psql("select count(distinct version) from flyway_schema_history where success"));
        long migrators = stack.containers("api").stream()
                .filter(id -> ComposeStack.docker("logs", id).output().matches("(?s).*Successfully applied \\d+ migrations.*"))
                .count();
        assertThat(migrators).as("replicas that applied migrations").isEqualTo(1);
    }

    @Test
    @Order(3)
    void shouldRunTheApiAsNonRootWithNoSecretInTheImage() throws Exception {
        String api = stack.containers("api").get(0);
        assertThat(ComposeStack.docker("exec", api, "id", "-u").output().strip()).isEqualTo("10001");
        assertThat(ImageLayers.of(ComposeStack.IMAGE + ":" + PREVIOUS).findings(stack.secrets.values()))
                .as("secret-looking files or values in the image's layers").isEmpty();
    }

    @Test
    @Order(4)
    void shouldServeTlsWithTheGeneratedCertificateAndRedirectPlainHttp() throws Exception {
        HttpResponse<String> ready = https.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        SSLSession tls = ready.sslSession().orElseThrow();
        assertThat(tls.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(ready.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(ready.headers().firstValue("strict-transport-security")).isPresent();
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.httpPort + "/api/v1/chat")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("location")).hasValue("https://127.0.0.1/api/v1/chat");
    }

    @Test
    @Order(5)
    void shouldChatStreamAndDeliverOverTheWebSocketThroughNginx() throws Exception {
        Accounts.Session owner = owners.get(0);
        Api.Reply chat = api.post("/api/v1/chat", Map.of("message", "How do I reset the tyre pressure warning?"),
                owner.accessToken());
        assertThat(chat.status()).as(chat.toString()).isEqualTo(200);
        UUID session = UUID.fromString(chat.field("sessionId"));
        assertThat(chat.field("answer")).isNotBlank();

        List<String> streamed = streamEvents(owner.accessToken(), session);
        assertThat(streamed).startsWith("session").endsWith("done").contains("token");

        SocketFrames socket = SocketFrames.signedIn(https, "wss://127.0.0.1:" + stack.httpsPort + "/ws/" + session,
                owner.accessToken());
        socket.send(Map.of("type", "message", "text", "And the spare tyre?"));
        assertThat(socket.typesUntil("done")).contains("token");
        socket.close();
    }

    @Test
    @Order(6)
    void shouldServeMetricsToThePrivateNetworkOnly() {
        String nginx = stack.containers("nginx").get(0);
        Processes.Result inside = ComposeStack.docker("exec", nginx, "wget", "-q", "-O", "-",
                "http://api:8080/api/v1/metrics");
        assertThat(inside.output()).contains("# TYPE");
        // A client on a public address: a network of documentation addresses joined to nginx.
        String outside = stack.project + "-outside";
        assertThat(ComposeStack.docker("network", "create", "--subnet", "203.0.113.0/24", outside).succeeded()).isTrue();
        assertThat(ComposeStack.docker("network", "connect", outside, nginx).succeeded()).isTrue();
        String address = stack.inspect(nginx, "{{(index .NetworkSettings.Networks \"" + outside + "\").IPAddress}}");
        Processes.Result publicClient = ComposeStack.docker("run", "--rm", "--network", outside, "--entrypoint", "curl",
                ComposeStack.IMAGE + ":" + PREVIOUS, "-sk", "-o", "/dev/null", "-w", "%{http_code}",
                "https://" + address + "/api/v1/metrics");
        assertThat(publicClient.output().strip()).as(publicClient.toString()).isEqualTo("403");
        Processes.Result publicChat = ComposeStack.docker("run", "--rm", "--network", outside, "--entrypoint", "curl",
                ComposeStack.IMAGE + ":" + PREVIOUS, "-sk", "-o", "/dev/null", "-w", "%{http_code}",
                "https://" + address + "/health/ready");
        assertThat(publicChat.output().strip()).as("the same client reaches the API").isEqualTo("200");
        ComposeStack.docker("network", "disconnect", outside, nginx);
    }

    @Test
    @Order(7)
    void shouldSpreadRequestsOverNewReplicasWithoutRestartingNginx() throws Exception {
        String nginx = stack.containers("nginx").get(0);
        String nginxStarted = stack.inspect(nginx, "{{.State.StartedAt}}");
        stack.composeOrFail("up", "-d", "--no-build", "--no-recreate", "--wait", "--scale", "api=1");
        assertThat(stack.containers("api")).hasSize(1);
        stack.composeOrFail("up", "-d", "--no-build", "--no-recreate", "--wait", "--scale", "api=3");
        List<String> replicas = stack.containers("api");
        assertThat(replicas).hasSize(3);

        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 45; i++) {
            assertThat(api.get("/api/v1/customers/me?probe=" + marker, owners.get(1).accessToken()).status()).isEqualTo(200);
        }
        for (String replica : replicas) {
            long served = ComposeStack.docker("logs", replica).output().lines().filter(line -> line.contains(marker)).count();
            assertThat(served).as("requests served by replica %s", replica).isGreaterThan(0);
        }
        assertThat(stack.inspect(nginx, "{{.State.StartedAt}}")).as("nginx was not restarted").isEqualTo(nginxStarted);
    }

    @Test
    @Order(8)
    void shouldCarryTheSteadyLoadWithoutFailures() throws Exception {
        SteadyLoad load = SteadyLoad.start(https, stack.baseUrl(), loadOwners(), Duration.ofMillis(300), false);
        Thread.sleep(15_000);
        SteadyLoad.Summary summary = load.stop();
        FIGURES.add(summary.describe("baseline: the same load for 15 s, nothing changing"));
        assertThat(summary.failures()).as("failed requests").isEmpty();
        assertAcknowledgedMessagesStored(summary);
    }

    @Test
    @Order(9)
    void shouldLoseNoRequestNorAcknowledgedMessageWhenAReplicaIsKilledUnderLoad() throws Exception {
        SteadyLoad load = SteadyLoad.start(https, stack.baseUrl(), loadOwners(), Duration.ofMillis(300), true);
        Thread.sleep(8_000);
        String victim = stack.containers("api").get(1);
        assertThat(ComposeStack.docker("kill", "-s", "KILL", victim).succeeded()).isTrue();
        Thread.sleep(15_000);
        SteadyLoad.Summary summary = load.stop();
        FIGURES.add(summary.describe("replica killed (kill -9) under load, client retries allowed"));
        assertThat(summary.failures()).as("requests that failed even when retried").isEmpty();
        assertThat(summary.sent()).isGreaterThan(40);
        assertAcknowledgedMessagesStored(summary);
        stack.composeOrFail("up", "-d", "--no-build", "--no-recreate", "--wait", "--scale", "api=3");
    }

    @Test
    @Order(10)
    void shouldRollToANewVersionWithZeroFailedRequests() throws Exception {
        String before = stack.psql("select max(version::int) from flyway_schema_history where success");
        rollUnderLoad("rolling update " + PREVIOUS + " → " + CURRENT + " (migrating to " + newestMigration
                + " while the previous version serves)", List.of(CURRENT), CURRENT);
        assertThat(Integer.parseInt(stack.psql("select max(version::int) from flyway_schema_history where success")))
                .as("the new version migrated").isGreaterThan(Integer.parseInt(before));
    }

    @Test
    @Order(11)
    void shouldRollBackWithZeroFailedRequests() throws Exception {
        // The previous version on the newer schema: expand/contract migrations make that safe.
        rollUnderLoad("rollback " + CURRENT + " → " + PREVIOUS + " (the previous version on the newer schema)",
                List.of("--rollback"), PREVIOUS);
    }

    @Test
    @Order(12)
    void shouldBackUpAndRestoreTheStacksDatabase() throws Exception {
        Map<String, String> before = StackDatabase.fingerprint(stack);
        assertThat(before).containsKey("messages");
        Processes.Result backup = stack.script("backup", List.of("--compose"), List.of());
        assertThat(backup.succeeded()).as(backup.toString()).isTrue();
        Path file = Path.of(backup.output().lines().reduce((first, second) -> second).orElseThrow().strip());
        assertThat(file).isRegularFile();

        stack.composeOrFail("stop", "api");
        stack.psql("drop schema public cascade; create schema public");
        assertThat(StackDatabase.fingerprint(stack)).isEmpty();
        Processes.Result restore = stack.script("restore", List.of("--yes", "--compose"), List.of(file.toString()));
        assertThat(restore.succeeded()).as(restore.toString()).isTrue();
        assertThat(StackDatabase.fingerprint(stack)).as("row counts and checksums of every table").isEqualTo(before);
        FIGURES.add("backup and restore in the stack: " + before.size() + " tables, " + Files.size(file)
                + " bytes, identical row counts and checksums after restore");

        stack.composeOrFail("start", "api");
        stack.composeOrFail("up", "-d", "--no-build", "--no-recreate", "--wait");
        Api.Reply conversations = api.get("/api/v1/conversations", owners.get(0).accessToken());
        assertThat(conversations.status()).isEqualTo(200);
        assertThat(conversations.json().path("items")).isNotEmpty();
    }

    @Test
    @Order(13)
    void shouldFailRedisOverToItsReplicaWithTheHaOverlay() throws Exception {
        stack.addOverlay("docker-compose.ha.yml");
        stack.composeOrFail("up", "-d", "--no-build", "--wait", "--scale", "api=2");
        String primary = stack.containers("redis").get(0);
        for (String api : stack.containers("api")) {
            assertThat(stack.inspect(api, "{{range .Config.Env}}{{println .}}{{end}}"))
                    .contains("REDIS_URL=redis-sentinel://sentinel-1:26379,sentinel-2:26379,sentinel-3:26379/0#genai");
        }
        Accounts.Session owner = owners.get(2);
        assertThat(api.get("/api/v1/customers/me", owner.accessToken()).status()).isEqualTo(200);

        long killed = System.nanoTime();
        assertThat(ComposeStack.docker("kill", "-s", "KILL", primary).succeeded()).isTrue();
        String sentinel = stack.containers("sentinel-1").get(0);
        while (!ComposeStack.docker("exec", sentinel, "redis-cli", "-p", "26379", "sentinel", "get-master-addr-by-name",
                "genai").output().contains("redis-replica")) {
            assertThat(System.nanoTime() - killed).as("promoted within 60 s").isLessThan(Duration.ofSeconds(60).toNanos());
            Thread.sleep(250);
        }
        double promoted = (System.nanoTime() - killed) / 1e9;
        Api.Reply login = awaitOk(() -> api.post("/api/v1/auth/login",
                Map.of("email", owner.email(), "password", owner.password()), null));
        String token = login.field("accessToken");
        double serving = (System.nanoTime() - killed) / 1e9;
        // Sign-outs during the switch are held and written once Redis answers (SentinelFailoverIT);
        // this one is made once every replica is back on the promoted primary.
        for (String replica : stack.containers("api")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ComposeStack.docker("exec", replica, "curl", "-s", "http://127.0.0.1:8080/health").output()
                    .contains("\"redis\":\"connected\"")) {
                assertThat(System.nanoTime()).as("replica %s back on Redis", replica).isLessThan(deadline);
                Thread.sleep(250);
            }
        }
        double reconnected = (System.nanoTime() - killed) / 1e9;
        assertThat(api.post("/api/v1/auth/logout", Map.of(), token).status()).isEqualTo(204);
        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/api/v1/customers/me", token).status()).as("signed out on every replica").isEqualTo(401);
        }
        assertThat(api.post("/api/v1/chat", Map.of("message", "Is the tyre repair kit in the boot?"),
                owners.get(3).accessToken()).status()).isEqualTo(200);
        FIGURES.add(String.format("HA overlay: Redis primary killed; replica promoted after %.1f s; sign-in through "
                + "nginx answered after %.1f s; every replica back on Redis after %.1f s; sign-out honoured by every "
                + "replica", promoted, serving, reconnected));
    }

    private static Api.Reply awaitOk(java.util.function.Supplier<Api.Reply> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Api.Reply reply = call.get();
        while (reply.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            reply = call.get();
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private void rollUnderLoad(String phase, List<String> arguments, String expected) throws Exception {
        SteadyLoad load = SteadyLoad.start(https, stack.baseUrl(), loadOwners(), Duration.ofMillis(300), false);
        Thread.sleep(5_000);
        long started = System.nanoTime();
        Processes.Result deploy = stack.script("deploy", List.of(), arguments);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3_000);
        SteadyLoad.Summary summary = load.stop();
        assertThat(deploy.succeeded()).as(deploy.toString()).isTrue();
        FIGURES.add(summary.describe(String.format("%s (%.0f s, 3 replicas), no client retries", phase, seconds)));
        assertThat(summary.failures()).as("failed requests").isEmpty();
        assertThat(summary.sent()).isGreaterThan(40);
        List<String> replicas = stack.containers("api");
        assertThat(replicas).hasSize(3);
        for (String replica : replicas) {
            assertThat(stack.inspect(replica, "{{.Config.Image}}")).isEqualTo(ComposeStack.IMAGE + ":" + expected);
            if (expected.equals(CURRENT)) {
                String live = ComposeStack.docker("exec", replica, "curl", "-s", "http://127.0.0.1:8080/health/live").output();
                assertThat(Api.JSON.readTree(live).path("version").asText()).as("the version each replica reports")
                        .isEqualTo(CURRENT);
            }
        }
        assertThat(Files.readString(stack.envFile)).contains("APP_VERSION=" + expected + "\n");
        assertAcknowledgedMessagesStored(summary);
    }

    private static List<SteadyLoad.Owner> loadOwners() {
        return owners.stream().map(owner -> new SteadyLoad.Owner(owner.accessToken())).toList();
    }

    private static void assertAcknowledgedMessagesStored(SteadyLoad.Summary summary) {
        Map<UUID, List<SteadyLoad.Acknowledged>> bySession = summary.acknowledged().stream()
                .collect(java.util.stream.Collectors.groupingBy(SteadyLoad.Acknowledged::sessionId));
        bySession.forEach((session, messages) -> {
            Api.Reply conversation = api.get("/api/v1/conversations/" + session, messages.get(0).token());
            assertThat(conversation.status()).as(conversation.toString()).isEqualTo(200);
            List<String> stored = conversation.json().path("messages").findValuesAsText("content");
            assertThat(stored).as("acknowledged messages of %s", session)
                    .containsAll(messages.stream().map(SteadyLoad.Acknowledged::message).toList());
        });
    }

    private List<String> streamEvents(String token, UUID session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/v1/chat/stream"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        Map.of("message", "What does the oil warning light mean?", "sessionId", session.toString()))))
                .build();
        HttpResponse<java.io.InputStream> response = https.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    types.add(line.substring(7));
                }
            }
        }
        return types;
    }
}
