package com.genaiauto.platform.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.graphite.Graphite;
import com.codahale.metrics.graphite.GraphiteReporter;
import com.codahale.metrics.graphite.GraphiteUDP;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.metrics.common.BaseReporterFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetSocketAddress;

/**
 * {@code metrics.reporters: [{type: graphite, host, port, prefix, transport}]} — the reporter the
 * dropwizard-metrics-graphite module offers, which is not published for Dropwizard 5.
 */
@JsonTypeName("graphite")
public class GraphiteReporterFactory extends BaseReporterFactory {

    @NotBlank
    @JsonProperty
    private String host = "localhost";

    @Min(1) @Max(65535)
    @JsonProperty
    private int port = 2003;

    @NotNull
    @JsonProperty
    private String prefix = "genai-auto";

    @NotNull
    @JsonProperty
    private Transport transport = Transport.TCP;

    @Override
    public ScheduledReporter build(MetricRegistry registry) {
        InetSocketAddress address = InetSocketAddress.createUnresolved(host, port);
        var sender = transport == Transport.UDP
                ? new GraphiteUDP(host, port)
                : new Graphite(address.getHostString(), address.getPort());
        return GraphiteReporter.forRegistry(registry)
                .convertDurationsTo(getDurationUnit())
                .convertRatesTo(getRateUnit())
                .filter(getFilter())
                .prefixedWith(prefix)
                .disabledMetricAttributes(getDisabledAttributes())
                .build(sender);
    }

    public enum Transport {
        @JsonProperty("tcp") TCP,
        @JsonProperty("udp") UDP
    }
}
