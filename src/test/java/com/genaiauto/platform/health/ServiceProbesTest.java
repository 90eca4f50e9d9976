package com.genaiauto.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.platform.health.ServiceProbe.Impact;
import com.genaiauto.platform.health.ServiceProbe.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Overall status from the dependencies' states")
class ServiceProbesTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ServiceProbes probes = new ServiceProbes(executor, Duration.ofMillis(300), Duration.ZERO, Clock.systemUTC());

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void shouldBeHealthyWhenEverythingIsUp() {
        probes.register(probe("database", Impact.REQUIRED, () -> ProbeResult.up("connected")));
        probes.register(probe("redis", Impact.OPTIONAL, () -> ProbeResult.up("connected")));
        ServiceReport report = probes.evaluate();
        assertThat(report.status()).isEqualTo(ServiceReport.Status.HEALTHY);
        assertThat(report.canServe()).isTrue();
    }

    @Test
    void shouldBeDegradedWhenAnOptionalDependencyIsDown() {
        probes.register(probe("database", Impact.REQUIRED, () -> ProbeResult.up("connected")));
        probes.register(probe("redis", Impact.OPTIONAL, () -> ProbeResult.down("disconnected")));
        assertThat(probes.evaluate().status()).isEqualTo(ServiceReport.Status.DEGRADED);
    }

    @Test
    void shouldBeUnhealthyWhenARequiredDependencyIsDownWhateverElse() {
        probes.register(probe("redis", Impact.OPTIONAL, () -> ProbeResult.down("disconnected")));
        probes.register(probe("database", Impact.REQUIRED, () -> ProbeResult.down("disconnected")));
        ServiceReport report = probes.evaluate();
        assertThat(report.status()).isEqualTo(ServiceReport.Status.UNHEALTHY);
        assertThat(report.canServe()).isFalse();
    }

    @Test
    void shouldIgnoreInformationalStatesForTheStatus() {
        probes.register(probe("llm", Impact.INFORMATIONAL, () -> ProbeResult.down("misconfigured")));
        ServiceReport report = probes.evaluate();
        assertThat(report.status()).isEqualTo(ServiceReport.Status.HEALTHY);
        assertThat(report.services()).containsEntry("llm", "misconfigured");
    }

    @Test
    void shouldReportAHangingProbeAsTimedOutWithinTheDeadline() {
        probes.register(probe("database", Impact.REQUIRED, () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProbeResult.up("connected");
        }));
        ServiceReport report = probes.evaluate();
        assertThat(report.services()).containsEntry("database", "timeout");
        assertThat(report.status()).isEqualTo(ServiceReport.Status.UNHEALTHY);
    }

    @Test
    void shouldReportAThrowingProbeAsError() {
        probes.register(probe("redis", Impact.OPTIONAL, () -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(probes.evaluate().services()).containsEntry("redis", "error");
    }

    @Test
    void shouldReuseAFreshReportInsteadOfProbingAgain() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ServiceProbes cached = new ServiceProbes(executor, Duration.ofMillis(300), Duration.ofMinutes(1),
                Clock.systemUTC());
        cached.register(probe("database", Impact.REQUIRED, () -> {
            calls.incrementAndGet();
            return ProbeResult.up("connected");
        }));
        cached.evaluate();
        cached.evaluate();
        cached.evaluate();
        assertThat(calls).hasValue(1);
    }

    private static ServiceProbe probe(String name, Impact impact, Supplier<ProbeResult> result) {
        return new ServiceProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Impact impact() {
                return impact;
            }

            @Override
            public ProbeResult probe() {
                return result.get();
            }
        };
    }
}
