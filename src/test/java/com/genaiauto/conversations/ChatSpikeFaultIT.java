package com.genaiauto.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.FakeProviders;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spike of 200 chats at once with a healthy provider (150 ms a call, every message routed and
 * written by the model): the provider's 32 slots queue the rest instead of refusing them, so
 * answers stay written by the model rather than quoted, and no handoff opens for want of one.
 */
@DisplayName("A spike of 200 concurrent chats with a healthy provider queues instead of degrading")
class ChatSpikeFaultIT {

    static final WireMockServer PROVIDER = FakeProviders.start();

    @RegisterExtension
    static final RunningApp APP = RunningApp.with(config -> config
            .set("llm.providers[0].baseUrl", PROVIDER.baseUrl() + "/v1")
            .set("llm.providers[0].apiKey", "sk-upstream-test")
            .set("llm.providers[0].requestsPerMinute", "100000")
            .set("conversations.llmRouting", "always"));

    private static final int CHATS = 200;

    @BeforeAll
    static void healthyButNotInstant() {
        APP.task("kb-seed", "");
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("You route messages"))
                .willReturn(FakeProviders.json(FakeProviders.openAiBody("fake-model",
                        "{\"intent\": \"specs\", \"confidence\": 0.93}", 60, 9)).withFixedDelay(150)));
        PROVIDER.stubFor(post(urlEqualTo(FakeProviders.OPENAI_PATH)).withRequestBody(containing("\"stream\":true"))
                .willReturn(FakeProviders.sse(FakeProviders.openAiStream("fake-model",
                        List.of("Keep the tyres at ", "2.5 bar [Tyre pressures]."), 300, 12, true)).withFixedDelay(150)));
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void shouldAnswerNearlyEveryChatWithTheModel() throws Exception {
        Api api = APP.api();
        List<Accounts.Session> owners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            owners.add(new Accounts(api).aCustomer().register());
        }
        ExecutorService clients = Executors.newFixedThreadPool(CHATS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Reply>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < CHATS; i++) {
                Accounts.Session owner = owners.get(i % owners.size());
                sent.add(clients.submit(() -> {
                    start.await();
                    return api.post("/api/v1/chat", Map.of("message", "What tyre pressure should my Volta have?"),
                            owner.accessToken());
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> reply : sent) {
                replies.add(reply.get());
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long degraded = replies.stream().filter(reply -> reply.json().path("degraded").asBoolean()).count();
            long handedOff = replies.stream().filter(reply -> reply.json().path("handoff").asBoolean()).count();
            System.out.printf("spike of %d chats: %d degraded, %d handed off, all answered within %d s%n", CHATS,
                    degraded, handedOff, seconds);

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
            assertThat(degraded).isLessThanOrEqualTo(CHATS * 5 / 100);
            assertThat(handedOff).isLessThanOrEqualTo(CHATS * 5 / 100);
        } finally {
            clients.shutdownNow();
        }
    }
}
