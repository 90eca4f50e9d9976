package com.genaiauto.llm;

import com.genaiauto.auth.service.ApiKeyService;
import com.genaiauto.llm.control.ControlPlane;
import com.genaiauto.llm.gateway.GatewayApi;
import com.genaiauto.llm.control.ProviderSwitches;
import com.genaiauto.llm.gateway.GatewayServlet;
import com.genaiauto.llm.governance.Governance;
import com.genaiauto.llm.governance.LimitChanges;
import com.genaiauto.llm.governance.LimitsAdmin;
import com.genaiauto.llm.governance.LimitsDao;
import com.genaiauto.llm.resource.LimitsResource;
import com.genaiauto.llm.gateway.KnowledgeSource;
import com.genaiauto.llm.resource.LlmExceptionMapper;
import com.genaiauto.llm.resource.LlmStatusResource;
import com.genaiauto.llm.resource.ProviderSwitchResource;
import com.genaiauto.llm.ledger.ConversationUsage;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.llm.service.LlmStatusService;
import com.genaiauto.llm.task.LlmTasks;
import com.genaiauto.llm.ledger.UsageRollupDao;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.platform.health.ServiceProbe;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Provider adapters, the router (fallback, retries, breakers, bulkheads, deadlines), the response
 * cache, the cost ledger and budget, the status endpoint and the OpenAI-compatible gateway.
 * Other modules call {@link #router()}.
 */
public final class LlmModule {

    private final LlmConfig config;
    private final PlatformModule platform;
    private final ApiKeyService apiKeys;
    private final LlmAssembly assembly;
    private final AtomicReference<KnowledgeSource> knowledge = new AtomicReference<>();
    private final Governance governance;

    public LlmModule(LlmConfig config, PlatformModule platform, ApiKeyService apiKeys, Environment environment) {
        this.config = config;
        this.platform = platform;
        this.apiKeys = apiKeys;
        this.assembly = new LlmAssembly(config, platform.jdbi(), platform.redis(), environment.metrics(),
                Clock.systemUTC(), platform.tracer());
        this.governance = new Governance(platform.jdbi().onDemand(LimitsDao.class), platform.rateLimiter(),
                platform.redis(), Clock.systemUTC(), config.gatewayRequestsPerMinutePerKey(), environment.metrics());
    }

    public void register(Environment environment) {
        environment.lifecycle().manage(assembly.ledger());
        environment.lifecycle().manage(assembly.cache());
        environment.lifecycle().manage(governance);
        environment.healthChecks().register("llm-configuration", new LlmConfigurationHealthCheck(config));
        platform.probes().register(new LlmProbe(config));
        var jersey = environment.jersey();
        jersey.register(new LlmExceptionMapper());
        jersey.register(new LlmStatusResource(new LlmStatusService(assembly.slots(),
                assembly.router().selector().aliasLabels(), assembly.budget(), platform.jdbi())));
        LimitChanges limitChanges = new LimitChanges(governance, platform.redis(), environment.getObjectMapper());
        environment.lifecycle().manage(limitChanges.subscription());
        jersey.register(new LimitsResource(new LimitsAdmin(platform.jdbi(), limitChanges, platform.audit())));
        environment.servlets().addServlet("openai-gateway", GatewayServlet.create(assembly.router(), apiKeys,
                governance, environment.metrics(), knowledge::get)).addMapping("/v1/*");
        platform.bodyLimits().raise("/v1/", GatewayServlet.MAX_BODY_BYTES);
        platform.apiDocs().describe(GatewayApi.class, GatewayApi.ChatCompletionChunk.class);
        ControlPlane control = new ControlPlane(platform.jdbi(), platform.redis(), assembly.remoteSlots(), assembly.budget());
        environment.lifecycle().manage(control);
        ProviderSwitches switches = new ProviderSwitches(control, platform.audit());
        jersey.register(new ProviderSwitchResource(switches));
        LlmTasks.all(control, switches, assembly.budget(), platform.audit()).forEach(platform.tasks()::add);
        UsageRollupDao rollup = platform.jdbi().onDemand(UsageRollupDao.class);
        platform.housekeeping().register(Retained.LLM_USAGE, rollup::rollUpAndRemove);
        platform.caches().register("llm_response", assembly.cache()::flush);
    }

    /** The knowledge base, built after the router, lends the gateway its embedder and passages. */
    public void attachKnowledge(KnowledgeSource source) {
        knowledge.set(source);
    }

    /** Tokens and cost per conversation, from the cost ledger. */
    public ConversationUsage conversationUsage() {
        return new ConversationUsage(platform.jdbi());
    }

    public LlmRouter router() {
        return assembly.router();
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
