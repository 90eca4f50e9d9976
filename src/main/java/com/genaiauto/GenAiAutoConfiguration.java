package com.genaiauto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.genaiauto.auth.AuthConfig;
import com.genaiauto.conversations.ConversationsConfig;
import com.genaiauto.customers.CustomersConfig;
import com.genaiauto.demo.DemoConfig;
import com.genaiauto.llm.LlmConfig;
import com.genaiauto.platform.config.ProductionSecrets;
import com.genaiauto.platform.db.DatabaseConfig;
import com.genaiauto.platform.housekeeping.HousekeepingConfig;
import com.genaiauto.platform.redis.RedisConfig;
import com.genaiauto.platform.tracing.TracingConfig;
import com.genaiauto.platform.web.HttpConfig;
import com.genaiauto.rag.RagConfig;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/** Root configuration: one validated section per module, plus the deployment mode. */
public class GenAiAutoConfiguration extends Configuration {

    @NotNull
    private DeploymentMode mode = DeploymentMode.DEVELOPMENT;

    @Valid @NotNull
    private DatabaseConfig database = new DatabaseConfig();

    @Valid @NotNull
    private RedisConfig redis = new RedisConfig();

    @Valid @NotNull
    private AuthConfig auth = new AuthConfig();

    @Valid @NotNull
    private CustomersConfig customers = new CustomersConfig();

    @Valid @NotNull
    private ConversationsConfig conversations = new ConversationsConfig();

    @Valid @NotNull
    private RagConfig rag = new RagConfig();

    @Valid @NotNull
    private LlmConfig llm = new LlmConfig();

    @Valid @NotNull
    private DemoConfig demo = new DemoConfig();

    @Valid @NotNull
    private HttpConfig http = new HttpConfig();

    @Valid @NotNull
    private HousekeepingConfig housekeeping = new HousekeepingConfig();

    @Valid @NotNull
    private TracingConfig tracing = new TracingConfig();

    @JsonProperty
    public TracingConfig getTracing() {
        return tracing;
    }

    @JsonProperty
    public void setTracing(TracingConfig tracing) {
        this.tracing = tracing;
    }

    @JsonProperty
    public HousekeepingConfig getHousekeeping() {
        return housekeeping;
    }

    @JsonProperty
    public void setHousekeeping(HousekeepingConfig housekeeping) {
        this.housekeeping = housekeeping;
    }

    @JsonProperty
    public DeploymentMode getMode() {
        return mode;
    }

    @JsonProperty
    public void setMode(DeploymentMode mode) {
        this.mode = mode;
    }

    @JsonProperty
    public DatabaseConfig getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseConfig database) {
        this.database = database;
    }

    @JsonProperty
    public HttpConfig getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpConfig http) {
        this.http = http;
    }

    @JsonProperty
    public RedisConfig getRedis() {
        return redis;
    }

    @JsonProperty
    public void setRedis(RedisConfig redis) {
        this.redis = redis;
    }

    @JsonProperty
    public AuthConfig getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfig auth) {
        this.auth = auth;
    }

    @JsonProperty
    public CustomersConfig getCustomers() {
        return customers;
    }

    @JsonProperty
    public void setCustomers(CustomersConfig customers) {
        this.customers = customers;
    }

    @JsonProperty
    public ConversationsConfig getConversations() {
        return conversations;
    }

    @JsonProperty
    public void setConversations(ConversationsConfig conversations) {
        this.conversations = conversations;
    }

    @JsonProperty
    public RagConfig getRag() {
        return rag;
    }

    @JsonProperty
    public void setRag(RagConfig rag) {
        this.rag = rag;
    }

    @JsonProperty
    public DemoConfig getDemo() {
        return demo;
    }

    @JsonProperty
    public void setDemo(DemoConfig demo) {
        this.demo = demo;
    }

    @JsonProperty
    public LlmConfig getLlm() {
        return llm;
    }

    @JsonProperty
    public void setLlm(LlmConfig llm) {
        this.llm = llm;
    }

    /** The secrets production must not run with empty or at a development default. */
    public List<ProductionSecrets.Secret> secrets() {
        return List.of(
                new ProductionSecrets.Secret("POSTGRES_PASSWORD", database.effectivePassword(),
                        Set.of("genai", "postgres", "password")),
                new ProductionSecrets.Secret("REDIS_PASSWORD", redis.effectivePassword(), Set.of()));
    }
}
