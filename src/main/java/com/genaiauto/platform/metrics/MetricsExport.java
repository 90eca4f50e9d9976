package com.genaiauto.platform.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.platform.health.ServiceProbes;
import io.dropwizard.core.setup.Environment;

/**
 * Wires the metrics export: per-request HTTP metrics, one {@code health.dependency_up.<name>}
 * gauge per health probe, and the Prometheus endpoint.
 */
public final class MetricsExport {

    private MetricsExport() {
    }

    public static void register(Environment environment) {
        var jersey = environment.jersey();
        jersey.register(new HttpMetricsFilter(environment.metrics()));
        jersey.register(new MetricsResource(new PrometheusExport(environment.metrics())));
    }

    /**
     * Call once every module has registered its probes (as the server starts). A scrape evaluates
     * the probes at most once: {@link ServiceProbes} reuses a fresh report.
     */
    public static void registerDependencyGauges(MetricRegistry registry, ServiceProbes probes) {
        for (String name : probes.names()) {
            String metric = PrometheusNames.dropwizardName("health.dependency_up", name);
            registry.gauge(metric, () -> (Gauge<Integer>) () -> probes.evaluate().isUp(name) ? 1 : 0);
        }
    }
}
