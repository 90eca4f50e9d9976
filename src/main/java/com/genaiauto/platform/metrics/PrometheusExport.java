package com.genaiauto.platform.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Dropwizard registry seen through the Prometheus client's Dropwizard bridge, with the names
 * and labels of {@link PrometheusNames}. The bridge merges every Dropwizard metric that maps to
 * one name into one family; on top of it this export declares {@code *_total} families as
 * counters (the bridge exports Dropwizard counters as gauges), applies each family's scale and
 * gives mapped families their own help text.
 */
public final class PrometheusExport extends Collector {

    /** The version 0.0.4 text format Prometheus scrapes. */
    public static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    private final DropwizardExports bridge;
    private final CollectorRegistry registry = new CollectorRegistry(true);

    public PrometheusExport(MetricRegistry metrics) {
        this.bridge = new DropwizardExports(metrics, new ScalingSampleBuilder(
                new CustomMappingSampleBuilder(PrometheusNames.mapperConfigs())));
        registry.register(this);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        for (MetricFamilySamples family : bridge.collect()) {
            families.add(refine(family));
        }
        return families;
    }

    /** Writes every family in the text format. */
    public void write(Writer writer) throws IOException {
        TextFormat.write004(writer, registry.metricFamilySamples());
    }

    private static MetricFamilySamples refine(MetricFamilySamples family) {
        String help = PrometheusNames.forPrometheusName(family.name).map(PrometheusNames.Family::help)
                .orElse(family.help);
        Type type = family.type == Type.GAUGE && family.name.endsWith("_total") ? Type.COUNTER : family.type;
        if (type == family.type && help.equals(family.help)) {
            return family;
        }
        return new MetricFamilySamples(family.name, type, help, family.samples);
    }

    /** Multiplies recorded values (not counts) of scaled families, e.g. permille into 0..1. */
    private record ScalingSampleBuilder(SampleBuilder delegate) implements SampleBuilder {
        @Override
        public MetricFamilySamples.Sample createSample(String dropwizardName, String nameSuffix,
                                                       List<String> additionalLabelNames,
                                                       List<String> additionalLabelValues, double value) {
            double scale = nameSuffix == null || nameSuffix.isEmpty()
                    ? PrometheusNames.forDropwizardName(dropwizardName).map(PrometheusNames.Family::scale).orElse(1.0)
                    : 1.0;
            return delegate.createSample(dropwizardName, nameSuffix, additionalLabelNames, additionalLabelValues,
                    value * scale);
        }
    }
}
