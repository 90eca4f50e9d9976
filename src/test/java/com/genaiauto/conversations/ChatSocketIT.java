package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.GenAiAutoApplication;
import com.genaiauto.GenAiAutoConfiguration;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.AppConfig;
import com.genaiauto.testing.RunningApp;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Chat over WebSockets, across two replicas sharing PostgreSQL and Redis")
class ChatSocketIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    /** A second replica of the service on the same database and Redis. */
    private static DropwizardTestSupport<GenAiAutoConfiguration> second;

    private static Api api;
    private static Accounts accounts;

    @BeforeAll
    static void startSecondReplica() throws Exception {
        api = APP.api();
        accounts = new Accounts(api);
        second = new DropwizardTestSupport<>(GenAiAutoApplication.class, AppConfig.CONFIG_PATH,
                AppConfig.defaults().database(() -> APP.database().jdbcUrl()).redis(() -> APP.redis().url()).toArray());
        second.before();
    }

    @AfterAll
    static void stopSecondReplica() {
        second.after();
    }

    /** A socket client that queues every JSON frame it receives and remembers how it was closed. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(int port, UUID session) {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/" + session), client).join();
            return client;
        }

        void send(Map<String, ?> message) throws Exception {
            socket.sendText(Api.JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 30 s").isNotNull();
            return frame;
        }

        /** Frames up to and including the next one of {@code type}. */
        List<String> typesUntil(String type) throws InterruptedException {
            List<String> types = new ArrayList<>();
            while (true) {
                String next = next().path("type").asText();
                types.add(next);
                if (next.equals(type)) {
                    return types;
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Api.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private static UUID startConversation(Accounts.Session owner) {
        JsonNode reply = new ChatClient(api, APP.port(), owner.accessToken()).send("hello", null);
        return UUID.fromString(reply.path("sessionId").asText());
    }

    @Test
    void shouldDeliverEveryEventOfAnAnswerInOrderToASocketOnAnotherReplica() throws Exception {
        Accounts.Session owner = accounts.aCustomer().register();
        UUID session = startConversation(owner);
        Client client = Client.connect(second.getLocalPort(), session);
        client.send(Map.of("type", "auth", "token", owner.accessToken()));
        assertThat(client.next().path("type").asText()).isEqualTo("ready");

        new ChatClient(api, APP.port(), owner.accessToken()).send("thanks a lot", session);
        List<String> types = client.typesUntil("done");
        assertThat(types.get(0)).isEqualTo("session");
        // The owner's message, for the owner's other devices and a watching support agent.
        assertThat(types.get(1)).isEqualTo("user_message");
        assertThat(types.get(2)).isEqualTo("agent");
        assertThat(types).contains("token");
        assertThat(types.get(types.size() - 1)).isEqualTo("done");
    }

    @Test
    void shouldChatOverTheSocketItself() throws Exception {
        Accounts.Session owner = accounts.aCustomer().register();
        UUID session = startConversation(owner);
        Client client = Client.connect(APP.port(), session);
        client.send(Map.of("type", "auth", "token", owner.accessToken()));
        assertThat(client.next().path("type").asText()).isEqualTo("ready");
        client.send(Map.of("type", "ping"));
        assertThat(client.next().path("type").asText()).isEqualTo("pong");
        client.send(Map.of("type", "message", "text", "who are you?"));
        List<String> types = client.typesUntil("done");
        assertThat(types).startsWith("session", "user_message", "agent").endsWith("done");
    }

    @Test
    void shouldPushAHumanAgentsReplyToTheOwner() throws Exception {
        Accounts.Session owner = accounts.aCustomer().register();
        JsonNode handedOver = new ChatClient(api, APP.port(), owner.accessToken()).send("I want to speak to a human", null);
        UUID session = UUID.fromString(handedOver.path("sessionId").asText());
        Client client = Client.connect(second.getLocalPort(), session);
        client.send(Map.of("type", "auth", "token", owner.accessToken()));
        assertThat(client.next().path("type").asText()).isEqualTo("ready");

        String agent = accounts.anAgent().accessToken();
        JsonNode open = api.get("/api/v1/handoffs?status=open&limit=100", agent).json();
        String handoff = null;
        for (JsonNode item : open.path("items")) {
            if (item.path("conversationId").asText().equals(session.toString())) {
                handoff = item.path("id").asText();
            }
        }
        assertThat(handoff).isNotNull();
        assertThat(api.post("/api/v1/handoffs/" + handoff + "/accept", null, agent).status()).isEqualTo(200);
        Api.Reply reply = api.post("/api/v1/handoffs/" + handoff + "/messages",
                Map.of("content", "Hi, this is Sam from support. How can I help?"), agent);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);

        JsonNode frame;
        do {
            frame = client.next();
        } while (!frame.path("type").asText().equals("agent_message"));
        assertThat(frame.path("data").path("content").asText()).contains("Sam from support");
        // While a human has the conversation, the assistant stays out of it...
        ChatClient chat = new ChatClient(api, APP.port(), owner.accessToken());
        JsonNode after = chat.send("thanks Sam", session);
        assertThat(after.path("agent").asText()).isEqualTo("human");
        // ...except for a hazard: stop-driving advice at once, and the handoff becomes urgent.
        JsonNode hazard = chat.send("now there is smoke coming from the bonnet", session);
        assertThat(hazard.path("answer").asText()).contains("do not drive");
        JsonNode accepted = api.get("/api/v1/handoffs?status=accepted&limit=100", agent).json();
        boolean urgent = false;
        for (JsonNode item : accepted.path("items")) {
            urgent |= item.path("id").asText().equals(handoff) && item.path("priority").asText().equals("urgent");
        }
        assertThat(urgent).isTrue();
    }

    @Test
    void shouldCloseASocketThatNeverAuthenticates() throws Exception {
        Client silent = Client.connect(APP.port(), UUID.randomUUID());
        long started = System.nanoTime();
        silent.closed.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void shouldCloseASocketWithABadTokenOrSomeoneElsesConversation() throws Exception {
        Accounts.Session owner = accounts.aCustomer().register();
        Accounts.Session stranger = accounts.aCustomer().register();
        UUID session = startConversation(owner);

        Client forged = Client.connect(APP.port(), session);
        forged.send(Map.of("type", "auth", "token", "not-a-token"));
        assertThat(forged.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);

        Client intruder = Client.connect(APP.port(), session);
        intruder.send(Map.of("type", "auth", "token", stranger.accessToken()));
        assertThat(intruder.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);
    }
}
