package com.genaiauto.rag.ingest;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.rag.dao.DocumentDao;
import com.genaiauto.rag.dao.IngestionJobDao;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Jobs by state across all replicas (read from the database, at most every few seconds), and
 * the jobs this replica finished, by outcome, with their durations.
 */
final class IngestionMetrics {

    static final String JOBS = "rag.ingestion_jobs";
    static final String FINISHED = "rag.ingestion_jobs_finished";
    static final String DURATION = "rag.ingestion_duration";
    /** The states of the gauge: the job statuses, with parsing and embedding together as running. */
    static final List<String> STATES = List.of("queued", "running", "done", "failed");

    private final MetricRegistry registry;
    private final Timer duration;

    IngestionMetrics(MetricRegistry registry, Jdbi jdbi) {
        this.registry = registry;
        this.duration = registry.timer(DURATION);
        KnownSeries.counters(registry, FINISHED, "done", "failed");
        CachedGauge<Map<String, Long>> counts = new CachedGauge<>(5, TimeUnit.SECONDS) {
            private Map<String, Long> last = Map.of();

            @Override
            protected Map<String, Long> loadValue() {
                try {
                    Map<String, Long> byState = new HashMap<>();
                    for (DocumentDao.KeyCount row : jdbi.onDemand(IngestionJobDao.class).countByStatus()) {
                        String state = row.key().equals("parsing") || row.key().equals("embedding") ? "running" : row.key();
                        byState.merge(state, row.value(), Long::sum);
                    }
                    last = byState;
                } catch (RuntimeException databaseAway) {
                    // The last counts stand until the database answers again (dependency_up says it is away).
                }
                return last;
            }
        };
        for (String state : STATES) {
            registry.gauge(PrometheusNames.dropwizardName(JOBS, state),
                    () -> (Gauge<Long>) () -> counts.getValue().getOrDefault(state, 0L));
        }
    }

    void finished(boolean done, long nanos) {
        registry.counter(PrometheusNames.dropwizardName(FINISHED, done ? "done" : "failed")).inc();
        duration.update(nanos, TimeUnit.NANOSECONDS);
    }
}
