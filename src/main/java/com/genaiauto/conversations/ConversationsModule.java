package com.genaiauto.conversations;

import com.codahale.metrics.CachedGauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.auth.service.AuthService;
import com.genaiauto.conversations.dao.ConversationDao;
import com.genaiauto.conversations.resource.ChatPageResource;
import com.genaiauto.conversations.resource.ChatResource;
import com.genaiauto.conversations.resource.ChatSocketServlet;
import com.genaiauto.conversations.resource.ConversationResource;
import com.genaiauto.conversations.resource.HandoffResource;
import com.genaiauto.conversations.service.ChatEvents;
import com.genaiauto.conversations.service.ConversationStore;
import com.genaiauto.conversations.service.EmbeddingIntentClassifier;
import com.genaiauto.conversations.service.HandoffService;
import com.genaiauto.conversations.service.IntentRouter;
import com.genaiauto.conversations.service.Orchestrator;
import com.genaiauto.conversations.service.agent.AnswerWriter;
import com.genaiauto.conversations.service.agent.GeneralAgent;
import com.genaiauto.conversations.service.agent.MaintenanceAgent;
import com.genaiauto.conversations.service.agent.SpecsAgent;
import com.genaiauto.conversations.service.agent.TroubleshootAgent;
import com.genaiauto.conversations.service.handoff.HandoffWebhook;
import com.genaiauto.conversations.service.handoff.WebhookSettings;
import com.genaiauto.conversations.service.pii.PiiLogMasking;
import com.genaiauto.conversations.service.pii.PiiMasker;
import com.genaiauto.conversations.service.pii.PiiType;
import com.genaiauto.conversations.task.ConversationTasks;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.llm.ledger.ConversationUsage;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.service.KnowledgeBase;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;

/**
 * Chat sessions and messages, the orchestrator and its agents, human handoff, PII masking, REST,
 * SSE and WebSocket chat, and the chat page. Uses the customers module's tools, the knowledge
 * base and the LLM router through their Java APIs only.
 */
public final class ConversationsModule {

    private final ConversationsConfig config;
    private final PlatformModule platform;
    private final AuthService auth;
    private final ConversationStore store;
    private final ChatEvents events;
    private final HandoffWebhook webhook;
    private final HandoffService handoffs;
    private final Orchestrator orchestrator;
    private final ObjectMapper json;

    public ConversationsModule(ConversationsConfig config, PlatformModule platform, AuthService auth,
                               CustomerTools customers, KnowledgeBase knowledgeBase, Embedder embedder, LlmRouter router,
                               ConversationUsage usage, Environment environment) {
        this.config = config;
        this.platform = platform;
        this.auth = auth;
        this.json = environment.getObjectMapper();
        Clock clock = Clock.systemUTC();
        var metrics = environment.metrics();
        // With masking off (MASK_PII=false) the masker is built with no types and changes nothing.
        PiiMasker masker = config.maskPii() ? PiiMasker.standard() : new PiiMasker(EnumSet.noneOf(PiiType.class));
        PiiLogMasking.setEnabled(config.maskPii());
        this.store = new ConversationStore(platform.jdbi(), usage, platform.audit(), metrics);
        this.events = new ChatEvents(platform.redis(), json);
        this.webhook = new HandoffWebhook(new WebhookSettings(
                config.humanSupportWebhook().isBlank() ? null : java.net.URI.create(config.humanSupportWebhook()),
                config.humanSupportWebhookSecret(), config.webhookMaxAttempts(), WebhookSettings.DEFAULT_INITIAL_BACKOFF,
                WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT), metrics);
        this.handoffs = new HandoffService(platform.jdbi(), webhook, events, masker, platform.audit(), metrics, clock);
        AnswerWriter writer = new AnswerWriter(router, config.answerDeadline());
        this.orchestrator = new Orchestrator(platform.jdbi(), store,
                new IntentRouter(router, new EmbeddingIntentClassifier(embedder), metrics),
                new SpecsAgent(knowledgeBase, writer), new MaintenanceAgent(customers, clock, metrics),
                new TroubleshootAgent(knowledgeBase, writer), new GeneralAgent(), handoffs, events, customers, masker,
                config.confidenceThreshold());
        metrics.register("chat.sessions_active", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return platform.jdbi().onDemand(ConversationDao.class).countActive();
            }
        });
    }

    public ConversationStore store() {
        return store;
    }

    public void register(Environment environment) {
        environment.jersey().register(new ChatResource(orchestrator, json));
        environment.jersey().register(new ConversationResource(store));
        environment.jersey().register(new HandoffResource(handoffs));
        environment.jersey().register(new ChatPageResource());
        environment.lifecycle().manage(events);
        environment.lifecycle().manage(webhook);
        // A bounded queue: past it, a socket's message is refused with "busy" instead of piling up.
        ExecutorService socketWorkers = environment.lifecycle().executorService("chat-socket-%d")
                .minThreads(config.socketWorkers()).maxThreads(config.socketWorkers())
                .workQueue(new java.util.concurrent.ArrayBlockingQueue<>(config.socketWorkers() * 4)).build();
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(), null);
        environment.servlets().addServlet("chat-socket",
                        new ChatSocketServlet(auth, store, orchestrator, events, json, socketWorkers))
                .addMapping("/ws/*");
        ConversationTasks.all(store).forEach(environment.admin()::addTask);
    }
}
