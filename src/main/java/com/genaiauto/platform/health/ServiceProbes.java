package com.genaiauto.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependencies modules register for {@code GET /health}. All probes run in parallel under one
 * deadline, so a hung database or Redis makes the answer say so instead of making it hang. A
 * report is reused for a short while and computed by one caller at a time, so load balancers
 * polling many times a second cost one round of probes, not one per request.
 */
public final class ServiceProbes {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProbes.class);

    private final List<ServiceProbe> probes = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final Duration deadline;
    private final Duration reuseFor;
    private final Clock clock;
    private final Object lock = new Object();
    private CompletableFuture<TimedReport> latest;

    public ServiceProbes(ExecutorService executor, Duration deadline, Duration reuseFor, Clock clock) {
        this.executor = executor;
        this.deadline = deadline;
        this.reuseFor = reuseFor;
        this.clock = clock;
    }

    public void register(ServiceProbe probe) {
        probes.add(probe);
    }

    /** The names of the registered probes, in registration order. */
    public List<String> names() {
        return probes.stream().map(ServiceProbe::name).toList();
    }

    public ServiceReport evaluate() {
        CompletableFuture<TimedReport> pending;
        boolean mine = false;
        synchronized (lock) {
            TimedReport done = latest == null ? null : latest.getNow(null);
            boolean fresh = done != null && done.at().plus(reuseFor).isAfter(clock.instant());
            if (latest == null || (done != null && !fresh)) {
                latest = new CompletableFuture<>();
                mine = true;
            }
            pending = latest;
        }
        if (mine) {
            pending.complete(new TimedReport(runAll(), clock.instant()));
        }
        return pending.join().report();
    }

    private ServiceReport runAll() {
        Map<ServiceProbe, Future<ServiceProbe.ProbeResult>> running = new LinkedHashMap<>();
        for (ServiceProbe probe : probes) {
            try {
                running.put(probe, executor.submit(() -> safely(probe)));
            } catch (RejectedExecutionException e) {
                running.put(probe, CompletableFuture.completedFuture(ServiceProbe.ProbeResult.down("busy")));
            }
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        Map<String, String> services = new LinkedHashMap<>();
        Set<String> down = new HashSet<>();
        ServiceReport.Status status = ServiceReport.Status.HEALTHY;
        for (var entry : running.entrySet()) {
            ServiceProbe probe = entry.getKey();
            ServiceProbe.ProbeResult result = await(probe, entry.getValue(), deadlineNanos);
            services.put(probe.name(), result.state());
            if (!result.up()) {
                down.add(probe.name());
                status = status.worsen(probe.impact());
            }
        }
        return new ServiceReport(status, services, down);
    }

    private static ServiceProbe.ProbeResult safely(ServiceProbe probe) {
        try {
            return probe.probe();
        } catch (RuntimeException e) {
            LOG.warn("Health probe {} failed: {}", probe.name(), e.toString());
            return ServiceProbe.ProbeResult.down("error");
        }
    }

    private static ServiceProbe.ProbeResult await(ServiceProbe probe, Future<ServiceProbe.ProbeResult> future,
                                                  long deadlineNanos) {
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("Health probe {} timed out", probe.name());
            return ServiceProbe.ProbeResult.down("timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceProbe.ProbeResult.down("interrupted");
        } catch (Exception e) {
            return ServiceProbe.ProbeResult.down("error");
        }
    }

    private record TimedReport(ServiceReport report, Instant at) {
    }
}
