package com.genaiauto.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.genaiauto.testing.SecondReplica;
import com.genaiauto.testing.SentinelSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The primary stalls past the Sentinels' down-after (a long pause, a partition), they promote the
 * replica, and the stalled primary wakes up still a primary, with no replica, until the Sentinels
 * demote it and it copies the new primary's data over its own. A sign-out written to it in that
 * window must not count as stored: the demotion erases it.
 */
@DisplayName("Redis behind Sentinel, a stalled primary")
class SentinelStalledPrimaryIT {

    @RegisterExtension
    static final SentinelSet REDIS = SentinelSet.started("sentinel-data-secret");

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(REDIS::configure);

    @RegisterExtension
    static final SecondReplica SECOND = SecondReplica.of(APP);

    @Test
    void shouldNotCountASignOutStoredOnAPrimaryAboutToBeDemoted() throws Exception {
        Api first = APP.api();
        Api other = SECOND.api();
        Accounts.Session owner = new Accounts(first).aCustomer().register();
        REDIS.sentinels().awaitTopology(Duration.ofSeconds(30));
        assertThat(REDIS.sentinels().primaryPort()).isEqualTo(REDIS.primary().port());

        AtomicBoolean running = new AtomicBoolean(true);
        // Set while the woken primary is still a primary without replicas: the window under test.
        AtomicBoolean woken = new AtomicBoolean();
        AtomicInteger inWindow = new AtomicInteger();
        ConcurrentLinkedQueue<String> signedOut = new ConcurrentLinkedQueue<>();
        Thread signOuts = new Thread(() -> {
            while (running.get()) {
                Api.Reply login = first.post("/api/v1/auth/login",
                        Map.of("email", owner.email(), "password", owner.password()), null);
                if (login.status() == 200) {
                    String token = login.field("accessToken");
                    boolean inTheWindow = woken.get();
                    if (first.post("/api/v1/auth/logout", Map.of(), token).status() == 204) {
                        signedOut.add(token);
                        if (inTheWindow && woken.get()) {
                            inWindow.incrementAndGet();
                        }
                    }
                }
            }
        }, "sign-outs");
        signOuts.start();
        double demotedAfter;
        try {
            sleep(1_000);
            REDIS.primary().freeze();
            long frozen = System.nanoTime();
            try {
                while (REDIS.sentinels().primaryPort() != REDIS.replica().port()) {
                    assertThat(System.nanoTime() - frozen).as("failover within 30 s").isLessThan(Duration.ofSeconds(30).toNanos());
                    sleep(100);
                }
            } finally {
                REDIS.primary().thaw();
            }
            // The woken primary takes writes until the Sentinels make it a replica of the new one.
            woken.set(true);
            long thawed = System.nanoTime();
            while (!REDIS.primary().info("replication").contains("role:slave")) {
                assertThat(System.nanoTime() - thawed).as("demoted within 30 s").isLessThan(Duration.ofSeconds(30).toNanos());
                sleep(50);
            }
            woken.set(false);
            demotedAfter = (System.nanoTime() - thawed) / 1e9;
            sleep(3_000);
        } finally {
            running.set(false);
            signOuts.join();
        }

        long settled = System.nanoTime();
        List<String> accepted = new ArrayList<>(signedOut);
        while (!accepted.isEmpty() && System.nanoTime() - settled < Duration.ofSeconds(10).toNanos()) {
            accepted.removeIf(token -> other.get("/api/v1/auth/me", token).status() == 401);
            sleep(100);
        }
        System.out.printf(Locale.ROOT, "[stalled primary] demoted %.1f s after it woke; %d sign-outs, %d of them meanwhile; "
                + "%d still accepted by the other replica 10 s later%n", demotedAfter, signedOut.size(), inWindow.get(), accepted.size());
        assertThat(inWindow).as("sign-outs while the woken primary had no replica").hasPositiveValue();
        assertThat(accepted).as("signed-out tokens the other replica still accepts").isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
