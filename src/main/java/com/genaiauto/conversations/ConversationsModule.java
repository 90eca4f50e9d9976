package com.genaiauto.conversations;

import com.codahale.metrics.CachedGauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.conversations.agent.GeneralAgent;
import com.genaiauto.conversations.agent.MaintenanceAgent;
import com.genaiauto.conversations.agent.SpecsAgent;
import com.genaiauto.conversations.agent.TroubleshootAgent;
import com.genaiauto.conversations.answer.AnswerCache;
import com.genaiauto.conversations.answer.AnswerWriter;
import com.genaiauto.conversations.answer.ConfidenceModel;
import com.genaiauto.conversations.answer.GroundedAnswerer;
import com.genaiauto.conversations.answer.LineRanker;
import com.genaiauto.conversations.answer.UnitSelector;
import com.genaiauto.conversations.handoff.HandoffCases;
import com.genaiauto.conversations.handoff.HandoffEvents;
import com.genaiauto.conversations.handoff.HandoffService;
import com.genaiauto.conversations.handoff.HandoffWebhook;
import com.genaiauto.conversations.handoff.WebhookSettings;
import com.genaiauto.conversations.model.AssistantIdentity;
import com.genaiauto.conversations.model.ConversationStatus;
import com.genaiauto.conversations.model.HandoffPriority;
import com.genaiauto.conversations.model.HandoffReason;
import com.genaiauto.conversations.model.HandoffStatus;
import com.genaiauto.conversations.model.MessageRole;
import com.genaiauto.conversations.resource.AgentPageResource;
import com.genaiauto.conversations.resource.ChatPageResource;
import com.genaiauto.conversations.resource.ChatResource;
import com.genaiauto.conversations.resource.ChatSocketServlet;
import com.genaiauto.conversations.resource.ConversationResource;
import com.genaiauto.conversations.resource.HandoffResource;
import com.genaiauto.conversations.routing.IntentRouter;
import com.genaiauto.conversations.safety.EscalationDetector;
import com.genaiauto.conversations.safety.SafetyResponder;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.conversations.task.ConversationTasks;
import com.genaiauto.platform.housekeeping.Housekeeping;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.platform.tasks.TaskRegistry;
import com.genaiauto.conversations.turn.Orchestrator;
import com.genaiauto.conversations.turn.TurnBuilder;
import com.genaiauto.conversations.turn.TurnRouter;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.customers.service.SupportRecords;
import com.genaiauto.llm.ledger.ConversationUsage;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.pii.PiiLogMasking;
import com.genaiauto.pii.PiiMasker;
import com.genaiauto.pii.PiiType;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.conversations.resource.ChatSocketApi;
import com.genaiauto.conversations.resource.ChatSocketMessages;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.platform.metrics.PrometheusNames;
import com.genaiauto.platform.web.EventStreams;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.service.KnowledgeBase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.jdbi.v3.core.Jdbi;

/**
 * Chat sessions and messages, the turn pipeline (safety, routing, agents, grounded answers), human
 * handoff, REST, SSE and WebSocket chat, the chat page and the support-agent console. Uses the
 * customers module's tools and support records, the knowledge base, the embedder, the LLM router
 * and the pii module through their Java APIs only.
 */
public final class ConversationsModule {

    private final com.genaiauto.platform.ratelimit.UserRateLimits userLimits;
    private final ConversationsConfig config;
    private final AuthService auth;
    private final ConversationStore store;
    private final ChatEvents events;
    private final HandoffWebhook webhook;
    private final HandoffService handoffs;
    private final HandoffEvents queue;
    private final HandoffCases cases;
    private final EventStreams streams;
    private final Orchestrator orchestrator;
    private final EscalationDetector escalations;
    private final IntentRouter intents;
    private final ObjectMapper json;

    private final TaskRegistry tasks;
    private final Housekeeping housekeeping;

    public ConversationsModule(ConversationsConfig config, PlatformModule platform, AuthService auth,
                               CustomerTools customers, SupportRecords supportRecords, KnowledgeBase knowledgeBase, Embedder embedder, LlmRouter router,
                               ConversationUsage usage, Environment environment) {
        this.tasks = platform.tasks();
        this.housekeeping = platform.housekeeping();
        platform.apiDocs().describe(ChatSocketApi.class, ChatSocketMessages.ClientMessage.class,
                ChatSocketMessages.ServerMessage.class);
        this.config = config;
        this.auth = auth;
        this.json = environment.getObjectMapper();
        configureJdbi(platform.jdbi());
        this.userLimits = platform.userRateLimits();
        Clock clock = Clock.systemUTC();
        var metrics = environment.metrics();
        // With masking off (MASK_PII=false) the masker is built with no types and changes nothing.
        PiiMasker masker = config.maskPii() ? PiiMasker.standard() : new PiiMasker(EnumSet.noneOf(PiiType.class));
        PiiLogMasking.setEnabled(config.maskPii());
        this.store = new ConversationStore(platform.jdbi(), usage, platform.audit(), metrics, json);
        this.events = new ChatEvents(platform.redis(), json);
        this.webhook = new HandoffWebhook(new WebhookSettings(
                config.humanSupportWebhook().isBlank() ? null : java.net.URI.create(config.humanSupportWebhook()),
                config.humanSupportWebhookSecret(), config.webhookMaxAttempts(), WebhookSettings.DEFAULT_INITIAL_BACKOFF,
                WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT), metrics);
        this.queue = new HandoffEvents(platform.redis(), json);
        this.handoffs = new HandoffService(store, webhook, events, queue, masker, platform.audit(), metrics, clock);
        this.cases = new HandoffCases(store, supportRecords, platform.audit(), json);
        this.streams = new EventStreams(json, config.consoleHeartbeat(), config.consoleStreamLife());
        AssistantIdentity identity = config.identity();
        AnswerCache answerCache = new AnswerCache(platform.redis(), config.answerCacheTtl(), operation ->
                metrics.counter(PrometheusNames.dropwizardName("cache.operations", operation, "answer")).inc());
        KnownSeries.counters(metrics, "cache.operations", List.of(AnswerCache.OPERATIONS, List.of("answer")));
        platform.caches().register("answer", answerCache::flush);
        GroundedAnswerer answerer = new GroundedAnswerer(knowledgeBase, new UnitSelector(LineRanker.load()), ConfidenceModel.load(),
                new AnswerWriter(router, config.answerDeadline(), answerCache, clock), identity);
        this.escalations = new EscalationDetector(embedder);
        this.intents = new IntentRouter(router, embedder, config.llmRouting(), config.llmRoutingBelow(), metrics);
        TurnBuilder turns = new TurnBuilder(store, masker, embedder, knowledgeBase, config.answerDeadline(), clock);
        TurnRouter turnRouter = new TurnRouter(escalations, new SafetyResponder(knowledgeBase, identity), intents,
                List.of(new SpecsAgent(answerer), new MaintenanceAgent(customers, answerer, clock, metrics, config.confidenceThreshold()),
                        new TroubleshootAgent(answerer, embedder, clock, config.confidenceThreshold()), new GeneralAgent(identity)),
                turns, store, knowledgeBase);
        // A copy of a send waits for the first copy's answer as long as a turn can take.
        this.orchestrator = new Orchestrator(store, turns, turnRouter, handoffs, events, customers,
                config.confidenceThreshold(), config.answerDeadline().plusSeconds(15), clock, metrics, platform.tracer());
        metrics.register("chat.sessions_active", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return store.countActive();
            }
        });
    }

    /** Teaches JDBI this module's column types (stored by their wire names). */
    public static void configureJdbi(Jdbi jdbi) {
        jdbi.registerColumnMapper(HandoffReason.class, (rs, column, ctx) -> HandoffReason.fromWire(rs.getString(column)));
        jdbi.registerColumnMapper(HandoffPriority.class, (rs, column, ctx) -> HandoffPriority.fromWire(rs.getString(column)));
        jdbi.registerColumnMapper(HandoffStatus.class, (rs, column, ctx) -> HandoffStatus.fromWire(rs.getString(column)));
        jdbi.registerColumnMapper(ConversationStatus.class,
                (rs, column, ctx) -> ConversationStatus.fromWire(rs.getString(column)));
        jdbi.registerColumnMapper(MessageRole.class, (rs, column, ctx) -> MessageRole.fromWire(rs.getString(column)));
    }

    public ConversationStore store() {
        return store;
    }

    public void register(Environment environment) {
        environment.jersey().register(new ChatResource(orchestrator, json));
        environment.jersey().register(new ConversationResource(store));
        environment.jersey().register(new HandoffResource(handoffs, cases, queue, events, streams));
        environment.jersey().register(new ChatPageResource());
        environment.jersey().register(new AgentPageResource());
        environment.lifecycle().manage(events);
        environment.lifecycle().manage(queue);
        // After readiness has drained: the consoles' streams end and reconnect to another replica.
        environment.lifecycle().addEventListener(streams);
        environment.lifecycle().manage(webhook);
        // The classifiers embed their examples once; done at start-up, in the background, so the
        // first owner does not wait for it.
        ExecutorService warmUp = environment.lifecycle().executorService("assistant-warm-up-%d").minThreads(1)
                .maxThreads(1).build();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                warmUp.execute(() -> {
                    escalations.warmUp();
                    intents.warmUp();
                });
            }
        });
        // A bounded queue: past it, a socket's message is refused with "busy" instead of piling up.
        ExecutorService socketWorkers = environment.lifecycle().executorService("chat-socket-%d")
                .minThreads(config.socketWorkers()).maxThreads(config.socketWorkers())
                .workQueue(new java.util.concurrent.ArrayBlockingQueue<>(config.socketQueue())).build();
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(), null);
        environment.servlets().addServlet("chat-socket",
                        new ChatSocketServlet(auth, store, orchestrator, events, json, socketWorkers,
                                userLimits))
                .addMapping("/ws/*");
        ConversationTasks.all(store).forEach(tasks::add);
        housekeeping.register(Retained.CONVERSATIONS, store::purgeOlderThan);
    }
}
