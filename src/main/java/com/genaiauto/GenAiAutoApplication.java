package com.genaiauto;

import com.genaiauto.auth.AuthModule;
import com.genaiauto.auth.CreateAdminCommand;
import com.genaiauto.conversations.ConversationsModule;
import com.genaiauto.pii.PiiLogMasking;
import com.genaiauto.customers.CustomersModule;
import com.genaiauto.demo.DemoData;
import com.genaiauto.demo.DemoModule;
import com.genaiauto.llm.LlmModule;
import com.genaiauto.llm.gateway.GatewayPaths;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.platform.config.ProductionSecrets;
import com.genaiauto.platform.config.SecretsFromFiles;
import com.genaiauto.platform.db.DbCommand;
import com.genaiauto.privacy.CustomerErasureTask;
import com.genaiauto.rag.RagModule;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/** Composition root: builds the shared platform, then lets each module register itself. */
public class GenAiAutoApplication extends Application<GenAiAutoConfiguration> {

    public static void main(String[] args) throws Exception {
        new GenAiAutoApplication().run(args);
    }

    @Override
    public String getName() {
        return "genai-auto";
    }

    @Override
    public void initialize(Bootstrap<GenAiAutoConfiguration> bootstrap) {
        // Non-strict so unset variables fall back to their defaults; nested so defaults can refer
        // to other variables (DATABASE_URL defaults to one built from POSTGRES_*).
        // NAME_FILE stands in for an unset NAME (Docker and Kubernetes secrets).
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), SecretsFromFiles.substitutor()));
        PlatformModule.configureJson(bootstrap.getObjectMapper());
        // Before Dropwizard builds its log appenders: personal data never reaches a log line.
        PiiLogMasking.install();
        bootstrap.addCommand(new DbCommand(config -> config.getRag().migrationPlaceholders()));
        bootstrap.addCommand(new CreateAdminCommand(config -> config.getRag().migrationPlaceholders()));
    }

    @Override
    public void run(GenAiAutoConfiguration config, Environment environment) {
        // The error shape is ours everywhere; Dropwizard's default mappers would answer in theirs.
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        GatewayPaths.allowEncodedSlashes(config.getServerFactory());
        // Refuse unsafe secrets before touching anything else.
        AuthModule.checkSecret(config.getAuth(), config.getMode());
        ProductionSecrets.enforce(config.getMode(), config.secrets());

        PlatformModule platform = PlatformModule.create(
                config.getDatabase(), config.getRag().migrationPlaceholders(), config.getRedis(), config.getHttp(),
                config.getHousekeeping(), config.getTracing(), environment);
        platform.register(environment);

        AuthModule auth = new AuthModule(config.getAuth(), platform, environment.getObjectMapper());
        auth.register(environment);

        CustomersModule customers = new CustomersModule(config.getCustomers(), platform, auth.authService());
        customers.register(environment);
        LlmModule llm = new LlmModule(config.getLlm(), platform, auth.apiKeyService(), environment);
        llm.register(environment);
        RagModule rag = new RagModule(config.getRag(), platform, llm.router(), customers.vehicles(), customers.tools(),
                environment.metrics());
        rag.register(environment);
        llm.attachKnowledge(rag.gatewayKnowledge());
        ConversationsModule conversations = new ConversationsModule(config.getConversations(), platform,
                auth.authService(), customers.tools(), customers.supportRecords(), rag.knowledgeBase(), rag.embedder(),
                llm.router(), llm.conversationUsage(), environment);
        conversations.register(environment);
        platform.tasks().add(new CustomerErasureTask(conversations.store(), customers.profiles(), platform.audit()));
        new DemoModule(new DemoData(auth.authService(), customers.vehicles(), rag.seeder(), platform.audit()),
                config.getDemo().seedOnStart(), platform.tasks()).register(environment);
    }
}
