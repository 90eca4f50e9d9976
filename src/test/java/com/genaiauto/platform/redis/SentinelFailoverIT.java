package com.genaiauto.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.SecondReplica;
import com.genaiauto.testing.SentinelSet;
import com.genaiauto.testing.SentinelTrio;
import com.genaiauto.testing.SocketFrames;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * REDIS_URL as {@code redis-sentinel://}: a primary, one replica and three real Sentinels; two
 * replicas of the service. The primary is killed while owners sign out on one replica: both stay
 * ready, reconnect to the promoted replica, and afterwards every sign-out is honoured by the other
 * service replica (no acknowledged revocation lost), per-user limits are shared again and chat
 * events cross replicas again.
 */
@DisplayName("Redis behind Sentinel")
class SentinelFailoverIT {

    static final int CHATS = 3;

    @RegisterExtension
    static final SentinelSet REDIS = SentinelSet.started("sentinel-data-secret");
    static final PrivateRedis PRIMARY = REDIS.primary();
    static final PrivateRedis REPLICA = REDIS.replica();
    static final SentinelTrio SENTINELS = REDIS.sentinels();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> REDIS.configure(config)
            .set("http.userRateLimits.rules[0].perMinute", Integer.toString(CHATS)));

    @RegisterExtension
    static final SecondReplica SECOND = SecondReplica.of(APP);

    @Test
    void shouldFailOverWithoutLosingASignOutAndShareLimitsAndEventsAfterwards() throws Exception {
        Api first = APP.api();
        Api other = SECOND.api();
        Accounts accounts = new Accounts(first);
        Accounts.Session owner = accounts.aCustomer().register();
        SENTINELS.awaitTopology(Duration.ofSeconds(30));
        assertThat(SENTINELS.primaryPort()).isEqualTo(PRIMARY.port());
        assertThat(redisState(first)).isEqualTo("connected");

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> signedOut = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        // The first and last moment either replica reported itself degraded (Redis away).
        AtomicLong firstDegraded = new AtomicLong();
        AtomicLong lastDegraded = new AtomicLong();
        Thread signOuts = new Thread(() -> {
            while (running.get()) {
                Api.Reply login = first.post("/api/v1/auth/login",
                        Map.of("email", owner.email(), "password", owner.password()), null);
                if (login.status() != 200) {
                    problems.add("login " + login);
                    continue;
                }
                String token = login.field("accessToken");
                Api.Reply logout = first.post("/api/v1/auth/logout", Map.of(), token);
                if (logout.status() == 204) {
                    signedOut.add(token);
                } else {
                    problems.add("logout " + logout);
                }
            }
        }, "sign-outs");
        Thread readiness = new Thread(() -> {
            while (running.get()) {
                for (Api api : List.of(first, other)) {
                    Api.Reply ready = api.get("/health/ready", null);
                    if (ready.status() != 200) {
                        problems.add("readiness " + ready);
                    } else if (!ready.json().path("status").asText().equals("healthy")) {
                        firstDegraded.compareAndSet(0, System.nanoTime());
                        lastDegraded.set(System.nanoTime());
                    }
                }
                sleep(100);
            }
        }, "readiness");
        signOuts.start();
        readiness.start();
        sleep(2_000);

        long killed = System.nanoTime();
        PRIMARY.kill();
        while (SENTINELS.primaryPort() != REPLICA.port()) {
            assertThat(System.nanoTime() - killed).as("failover within 30 s").isLessThan(Duration.ofSeconds(30).toNanos());
            sleep(100);
        }
        double failoverSeconds = (System.nanoTime() - killed) / 1e9;
        awaitRedis(first);
        awaitRedis(other);
        sleep(2_000);
        running.set(false);
        signOuts.join();
        readiness.join();
        double degradedSeconds = (lastDegraded.get() - firstDegraded.get()) / 1e9;
        System.out.printf(Locale.ROOT, "[sentinel] primary killed; replica promoted after %.1f s; %d sign-outs "
                + "acknowledged; degraded (still ready) for %.1f s%n", failoverSeconds, signedOut.size(), degradedSeconds);

        assertThat(problems).as("failed requests and unready answers").isEmpty();
        assertThat(signedOut).hasSizeGreaterThan(10);
        assertThat(degradedSeconds).as("seconds degraded").isLessThan(15);
        // Revocations Redis could not confirm during the failover are written again in the background,
        // every half second, with no request on the first replica needed to set that off.
        long written = System.nanoTime();
        List<String> accepted = new ArrayList<>(signedOut);
        while (!accepted.isEmpty() && System.nanoTime() - written < Duration.ofSeconds(10).toNanos()) {
            accepted.removeIf(token -> other.get("/api/v1/auth/me", token).status() == 401);
            sleep(100);
        }
        System.out.printf(Locale.ROOT, "[sentinel] every sign-out refused by the other replica %.1f s after Redis came back%n",
                (System.nanoTime() - written) / 1e9);
        if (!accepted.isEmpty()) {
            System.out.println("[sentinel] replica's log:\n" + REPLICA.log() + "\n[sentinel] Sentinels' logs:\n" + SENTINELS.logs());
        }
        assertThat(accepted).as("signed-out tokens the other replica still accepts; the promoted primary holds %s",
                accepted.stream().map(SentinelFailoverIT::revocationKeysHeld).toList()).isEmpty();
        assertThat(first.get("/api/v1/auth/me", owner.accessToken()).status()).isEqualTo(200);

        Accounts.Session chatty = accounts.aCustomer().register();
        assertThat(first.post("/api/v1/chat", Map.of("message", "Hello"), chatty.accessToken()).status()).isEqualTo(200);
        assertThat(other.post("/api/v1/chat", Map.of("message", "Hello"), chatty.accessToken()).status()).isEqualTo(200);
        assertThat(first.post("/api/v1/chat", Map.of("message", "Hello"), chatty.accessToken()).status()).isEqualTo(200);
        assertThat(other.post("/api/v1/chat", Map.of("message", "Hello"), chatty.accessToken()).status())
                .as("the chat limit is shared by both replicas again").isEqualTo(429);

        Accounts.Session listener = accounts.aCustomer().register();
        Api.Reply opened = first.post("/api/v1/chat", Map.of("message", "Hello"), listener.accessToken());
        String session = opened.field("sessionId");
        SocketFrames socket = SocketFrames.signedIn(HttpClient.newHttpClient(),
                "ws://localhost:" + SECOND.port() + "/ws/" + session, listener.accessToken());
        try {
            assertThat(first.post("/api/v1/chat", Map.of("message", "Thanks", "sessionId", session),
                    listener.accessToken()).status()).isEqualTo(200);
            assertThat(socket.typesUntil("done")).as("events of a chat on the other replica").contains("session");
        } finally {
            socket.close();
        }
    }

    /** Which of a token's two revocation keys (its own, its session's) the promoted primary holds. */
    private static String revocationKeysHeld(String token) {
        com.fasterxml.jackson.databind.JsonNode claims;
        try {
            claims = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            return "unreadable token";
        }
        String jti = claims.path("jti").asText();
        String sid = claims.path("sid").asText();
        return "jti " + jti + ": " + REPLICA.cli("exists", "genai:revoked-jti:" + jti)
                + ", sid " + sid + ": " + REPLICA.cli("exists", "genai:revoked-sid:" + sid);
    }

    private static String redisState(Api api) {
        return api.get("/health", null).json().path("services").path("redis").asText();
    }

    private static void awaitRedis(Api api) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!redisState(api).equals("connected")) {
            assertThat(System.nanoTime()).as("reconnected to the promoted primary within 30 s").isLessThan(deadline);
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
