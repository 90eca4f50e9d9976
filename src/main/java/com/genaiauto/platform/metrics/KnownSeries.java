package com.genaiauto.platform.metrics;

import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers, at zero, the counters of a family whose label values are known when the service
 * starts (an enum, a fixed list of outcomes, the configured providers), so that every one of them
 * is exported from the first scrape. Without this a series appears with its first event:
 * {@code rate()} and {@code increase()} miss that event, a ratio of two families is empty instead
 * of 0 until both have happened, and {@code absent()} cannot tell "never happened" from "not
 * exported".
 */
public final class KnownSeries {

    private KnownSeries() {
    }

    /**
     * One counter {@code <base>.<v1>.<v2>...} for every combination of the label values, in the
     * label order of the family (see {@link PrometheusNames}); counters already there keep their count.
     */
    public static void counters(MetricRegistry registry, String base, List<List<String>> labelValues) {
        for (List<String> combination : combinations(labelValues)) {
            registry.counter(PrometheusNames.dropwizardName(base, combination.toArray(String[]::new)));
        }
    }

    /** {@link #counters(MetricRegistry, String, List)} for a family of one label. */
    public static void counters(MetricRegistry registry, String base, String... values) {
        counters(registry, base, List.of(List.of(values)));
    }

    static List<List<String>> combinations(List<List<String>> labelValues) {
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (List<String> values : labelValues) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String value : values) {
                    List<String> combination = new ArrayList<>(prefix);
                    combination.add(value);
                    longer.add(List.copyOf(combination));
                }
            }
            combinations = longer;
        }
        return combinations;
    }
}
