package com.genaiauto.platform.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependencies modules register for {@code GET /health}. All probes run in parallel under one
 * deadline, so a hung database or Redis makes the answer say so instead of making it hang.
 */
public final class ServiceProbes {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProbes.class);

    private final List<ServiceProbe> probes = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final Duration deadline;

    public ServiceProbes(ExecutorService executor, Duration deadline) {
        this.executor = executor;
        this.deadline = deadline;
    }

    public void register(ServiceProbe probe) {
        probes.add(probe);
    }

    public ServiceReport evaluate() {
        Map<ServiceProbe, CompletableFuture<ServiceProbe.ProbeResult>> running = new LinkedHashMap<>();
        for (ServiceProbe probe : probes) {
            running.put(probe, CompletableFuture.supplyAsync(() -> safely(probe), executor));
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        Map<String, String> services = new LinkedHashMap<>();
        ServiceReport.Status status = ServiceReport.Status.HEALTHY;
        for (var entry : running.entrySet()) {
            ServiceProbe probe = entry.getKey();
            ServiceProbe.ProbeResult result = await(probe, entry.getValue(), deadlineNanos);
            services.put(probe.name(), result.state());
            if (!result.up()) {
                status = status.worsen(probe.impact());
            }
        }
        return new ServiceReport(status, services);
    }

    private static ServiceProbe.ProbeResult safely(ServiceProbe probe) {
        try {
            return probe.probe();
        } catch (RuntimeException e) {
            LOG.warn("Health probe {} failed: {}", probe.name(), e.toString());
            return ServiceProbe.ProbeResult.down("error");
        }
    }

    private static ServiceProbe.ProbeResult await(ServiceProbe probe, CompletableFuture<ServiceProbe.ProbeResult> future,
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
}
