package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAi;
import static com.genaiauto.llm.FakeProviders.openAiBody;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two fake OpenAI-compatible providers (primary, secondary), a real database and a private Redis,
 * and a router built over them before each test.
 */
abstract class ProviderTestBase {

    static final String PRIMARY_MODEL = "primary-large";
    static final String SECONDARY_MODEL = "secondary-small";

    static WireMockServer primary;
    static WireMockServer secondary;
    static TestDatabase database;
    static PrivateRedis redis;

    @BeforeAll
    static void start() {
        primary = FakeProviders.start();
        secondary = FakeProviders.start();
        database = TestDatabase.create();
        redis = PrivateRedis.started();
    }

    @AfterAll
    static void stop() {
        primary.stop();
        secondary.stop();
        redis.stop();
        database.drop();
    }

    static String yaml(String extra) {
        return """
                providers:
                  - name: primary
                    type: openai
                    baseUrl: %s/v1
                    apiKey: sk-primary
                    timeout: 2s
                    retries: 1
                    requestsPerMinute: 1000000
                    models: [{id: %s, inputPricePerMillion: 2.0, outputPricePerMillion: 8.0}]
                  - name: secondary
                    type: openai
                    baseUrl: %s/v1
                    apiKey: sk-secondary
                    timeout: 2s
                    retries: 0
                    requestsPerMinute: 1000000
                    models: [{id: %s, inputPricePerMillion: 0.5, outputPricePerMillion: 1.0}]
                profiles:
                  balanced: [primary/%s, secondary/%s]
                  cheap: [secondary/%s]
                requestDeadline: 5s
                breaker: {windowSize: 4, minimumCalls: 4, failureRatePercent: 50, openFor: 400ms, halfOpenCalls: 1}
                cacheEnabled: false
                budget: {dailyUsd: 100}
                """.formatted(primary.baseUrl(), PRIMARY_MODEL, secondary.baseUrl(), SECONDARY_MODEL, PRIMARY_MODEL,
                SECONDARY_MODEL, SECONDARY_MODEL) + extra;
    }

    RouterFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        primary.resetAll();
        secondary.resetAll();
        secondary.stubFor(openAi(SECONDARY_MODEL).willReturn(json(openAiBody(SECONDARY_MODEL, "from secondary", 10, 5))));
        fixture = new RouterFixture(yaml(""), database, redis.url());
        fixture.clearLedger();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    static ChatRequest question() {
        return ChatRequest.builder().messages(List.of(ChatMessage.user("When is my next oil change due?")))
                .allowDegraded(false).build();
    }
}
