package com.genaiauto.llm;

import com.genaiauto.platform.health.ServiceProbe;
import com.genaiauto.platform.health.ServiceProbes;
import io.dropwizard.core.setup.Environment;

/** Provider adapters, router, cache, cost ledger and gateway. For now: its configuration and health. */
public final class LlmModule {

    private final LlmConfig config;
    private final ServiceProbes probes;

    public LlmModule(LlmConfig config, ServiceProbes probes) {
        this.config = config;
        this.probes = probes;
    }

    public void register(Environment environment) {
        environment.healthChecks().register("llm-configuration", new LlmConfigurationHealthCheck(config));
        probes.register(new LlmProbe(config));
    }

    /** Informational: without a key the service still answers, from the extractive responder. */
    private record LlmProbe(LlmConfig config) implements ServiceProbe {
        @Override
        public String name() {
            return "llm";
        }

        @Override
        public Impact impact() {
            return Impact.INFORMATIONAL;
        }

        @Override
        public ProbeResult probe() {
            return ProbeResult.up(config.hasRemoteProvider() ? "configured" : "extractive-only");
        }
    }
}
