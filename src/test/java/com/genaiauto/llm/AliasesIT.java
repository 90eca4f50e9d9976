package com.genaiauto.llm;

import static com.genaiauto.llm.FakeProviders.json;
import static com.genaiauto.llm.FakeProviders.openAi;
import static com.genaiauto.llm.FakeProviders.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Configurable aliases over the router: groups of equivalent deployments share the load by weight
 * or by how busy their providers are, and the next group takes over when a group fails.
 */
@DisplayName("Aliases and deployments")
class AliasesIT extends ProviderTestBase {

    static final String ALIASES = """
            aliases:
              spread:
                - deployments:
                    - {deployment: primary/%1$s, weight: 3}
                    - {deployment: secondary/%2$s, weight: 1}
              busy:
                - balance: least-busy
                  deployments: [primary/%1$s, secondary/%2$s]
              chain:
                - primary/%1$s
                - secondary/%2$s
              balanced:
                - secondary/%2$s
            """.formatted(PRIMARY_MODEL, SECONDARY_MODEL);

    @BeforeEach
    void withAliases() throws Exception {
        fixture.close();
        primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "from primary", 10, 5))));
        fixture = new RouterFixture(yaml(ALIASES), database, redis.url());
    }

    private ChatResponse ask(String model) {
        return fixture.router.complete(ChatRequest.builder().model(model)
                .messages(List.of(ChatMessage.user("When is my next oil change due?"))).allowDegraded(false).build());
    }

    @Nested
    @DisplayName("weighted")
    class Weighted {

        @Test
        void shouldSpreadCallsExactlyByWeightAndInterleaveThem() {
            List<String> answeredBy = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answeredBy.add(ask("spread").provider());
            }
            assertThat(answeredBy).filteredOn("primary"::equals).hasSize(30);
            assertThat(answeredBy).filteredOn("secondary"::equals).hasSize(10);
            // Smooth: never more than three primary calls in a row, one secondary in every four.
            assertThat(String.join(",", answeredBy)).doesNotContain("primary,primary,primary,primary");
        }

        @Test
        void shouldRetryInsideTheGroupWhenTheChosenDeploymentFails() {
            primary.resetAll();
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(FakeProviders.status(500)));
            for (int i = 0; i < 8; i++) {
                assertThat(ask("spread").content()).isEqualTo("from secondary");
            }
        }

        @Test
        void shouldStopChoosingADeploymentWhoseBreakerIsOpen() {
            fixture.slots.get("primary").breaker().transitionToForcedOpenState();
            for (int i = 0; i < 8; i++) {
                assertThat(ask("spread").provider()).isEqualTo("secondary");
            }
            assertThat(primary.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    @DisplayName("least busy")
    class LeastBusy {

        @Test
        void shouldAlternateBetweenIdleDeploymentsOfEqualWeight() {
            List<String> answeredBy = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answeredBy.add(ask("busy").provider());
            }
            assertThat(answeredBy).containsExactly("primary", "secondary", "primary", "secondary", "primary", "secondary");
        }

        @Test
        void shouldSendCallsToTheProviderWithFewerCallsInFlight() throws Exception {
            primary.resetAll();
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(json(openAiBody(PRIMARY_MODEL, "slow primary", 10, 5))
                    .withFixedDelay(1_500)));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // Two slow calls pinned to the primary keep it busy.
                List<Future<ChatResponse>> slow = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    slow.add(pool.submit(() -> ask("primary/" + PRIMARY_MODEL)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (fixture.slots.get("primary").inFlight() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(fixture.slots.get("primary").inFlight()).isEqualTo(2);
                for (int i = 0; i < 5; i++) {
                    assertThat(ask("busy").provider()).isEqualTo("secondary");
                }
                for (Future<ChatResponse> call : slow) {
                    assertThat(call.get(5, TimeUnit.SECONDS).content()).isEqualTo("slow primary");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("groups and names")
    class Groups {

        @Test
        void shouldFailOverToTheNextGroup() {
            assertThat(ask("chain").provider()).isEqualTo("primary");
            primary.resetAll();
            primary.stubFor(openAi(PRIMARY_MODEL).willReturn(FakeProviders.status(503)));
            assertThat(ask("chain").provider()).isEqualTo("secondary");
        }

        @Test
        void shouldLetAConfiguredAliasRedefineAnAssistantProfile() {
            // The base YAML's profiles say balanced is primary then secondary; the alias wins.
            ChatResponse answer = fixture.router.complete(question());
            assertThat(answer.provider()).isEqualTo("secondary");
            assertThat(primary.getAllServeEvents()).isEmpty();
        }

        @Test
        void shouldOfferEveryAliasAsAModelName() {
            assertThat(fixture.router.selector().modelNames())
                    .startsWith("balanced", "cheap", "spread", "busy", "chain")
                    .contains("primary/" + PRIMARY_MODEL, "secondary/" + SECONDARY_MODEL, "extractive");
            assertThat(fixture.router.selector().aliasLabels().get("spread"))
                    .containsExactly(List.of("primary/" + PRIMARY_MODEL, "secondary/" + SECONDARY_MODEL));
        }
    }
}
