package com.genaiauto.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.PrivateRedis;
import com.genaiauto.testing.ServedJar;
import com.genaiauto.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar killed with SIGKILL while owners chat, then started again: no acknowledged
 * message or answer is lost, and a send the crash cut off is answered when retried with its key.
 */
@DisplayName("The JVM killed mid-answer under a steady stream of chats")
class ChatCrashFaultIT {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.create();
    @RegisterExtension
    static final PrivateRedis REDIS = PrivateRedis.started();

    private static final int OWNERS = 4;
    // A cut send is answered again once it is older than the answer deadline plus 15 s: a short
    // deadline keeps the retries after the restart short (answers here take milliseconds).
    private static final List<ServedJar> STARTED = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> JVM = List.of("-Xmx256m", "-Ddw.conversations.answerDeadline=5s");

    /** One send as the client saw it: answered 200 (the answer and its id), or not (status 0: no answer at all). */
    private record Send(String key, int status, long millis, String messageId, String answer, boolean duringFault) {
    }

    @Test
    void shouldLoseNoAcknowledgedAnswerAndAnswerEveryCutSendOnRetry() throws Exception {
        AtomicReference<ServedJar> app = new AtomicReference<>(started());
        List<Accounts.Session> owners = new ArrayList<>();
        Map<Accounts.Session, String> sessions = new HashMap<>();
        Accounts accounts = new Accounts(app.get().api());
        for (int i = 0; i < OWNERS; i++) {
            Accounts.Session owner = accounts.aCustomer().register();
            owners.add(owner);
            sessions.put(owner, app.get().api().post("/api/v1/chat", Map.of("message", "Hello"), owner.accessToken())
                    .json().path("sessionId").asText());
        }

        List<Send> sends = Collections.synchronizedList(new ArrayList<>());
        List<Long> untilAnswered = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean fault = new AtomicBoolean();
        AtomicLong endAt = new AtomicLong(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(OWNERS);
        List<Future<?>> chatters = new ArrayList<>();
        for (Accounts.Session owner : owners) {
            chatters.add(pool.submit(() -> {
                for (int turn = 0; System.nanoTime() < endAt.get(); turn++) {
                    // As a client would: a send that fails is sent again with its key until answered.
                    String key = owner.userId() + "-" + turn;
                    Send sent;
                    long first = System.nanoTime();
                    do {
                        sent = send(app.get().api(), owner, sessions.get(owner), key,
                                "Where is the jacking point? " + turn, fault.get());
                        sends.add(sent);
                    } while (sent.status() != 200 && !Thread.currentThread().isInterrupted());
                    untilAnswered.add((System.nanoTime() - first) / 1_000_000);
                }
            }));
        }
        Thread.sleep(3_000);
        fault.set(true);
        ProcessHandle.of(app.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
        app.get().awaitExit(10);
        long killedAt = System.nanoTime();
        app.set(started());
        long downMillis = (System.nanoTime() - killedAt) / 1_000_000;
        fault.set(false);
        endAt.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
        for (Future<?> chatter : chatters) {
            chatter.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();

        Api api = app.get().api();
        List<Send> acknowledged = sends.stream().filter(s -> s.status() == 200).toList();
        List<Send> failed = sends.stream().filter(s -> s.status() != 200).toList();
        Map<String, JsonNode> messages = new HashMap<>();
        Map<String, List<JsonNode>> answersTo = new HashMap<>();
        history(api, owners, sessions, messages, answersTo);
        int lost = 0;
        for (Send send : acknowledged) {
            // The reply's messageId is the stored answer's; the answer names the question it replies to.
            JsonNode answer = messages.get(send.messageId());
            if (answer == null || !answer.path("content").asText().equals(send.answer())
                    || !messages.containsKey(answer.path("replyTo").asText())) {
                lost++;
            }
        }
        // Every question has its answer once: a send the crash cut off was answered on its retry.
        List<String> unanswered = messages.values().stream()
                .filter(m -> m.path("role").asText().equals("user"))
                .map(m -> m.path("id").asText())
                .filter(id -> !answersTo.containsKey(id)).toList();

        long duringFault = sends.stream().filter(Send::duringFault).count();
        // Begun before the kill and never answered: the requests the crash cut off mid-answer.
        long cut = failed.stream().filter(send -> !send.duringFault()).count();
        List<Long> answered = acknowledged.stream().map(Send::millis).sorted().toList();
        List<Long> perQuestion = untilAnswered.stream().sorted().toList();
        System.out.printf("[fault] JVM killed (SIGKILL) mid-answer, %d owners chatting: sent %d (%d while it was down),"
                        + " failed %d (no answer or 5xx; %d cut mid-answer), acknowledged-and-lost %d,"
                        + " questions left unanswered %d; 200 answers p99 %d ms; from a question's first send to its answer p99 %d ms, max %d ms"
                        + " (%d questions); kill to ready %d ms%n",
                OWNERS, sends.size(), duringFault, failed.size(), cut, lost, unanswered.size(),
                percentile(answered, 0.99), percentile(perQuestion, 0.99), perQuestion.get(perQuestion.size() - 1), perQuestion.size(), downMillis);

        assertThat(lost).isZero();
        assertThat(cut).isPositive();
        assertThat(unanswered).isEmpty();
        assertThat(answersTo.values()).allSatisfy(answers -> assertThat(answers).hasSize(1));
    }

    private static ServedJar started() throws java.io.IOException {
        ServedJar jar = ServedJar.start(DATABASE, REDIS, Map.of(), "config.yml", JVM);
        STARTED.add(jar);
        return jar;
    }

    @AfterAll
    static void stopJars() {
        STARTED.forEach(ServedJar::close);
    }

    private static Send send(Api api, Accounts.Session owner, String sessionId, String key, String message,
                             boolean during) {
        long start = System.nanoTime();
        try {
            Api.Reply reply = api.post("/api/v1/chat", Map.of("message", message, "sessionId", sessionId,
                    "idempotencyKey", key), owner.accessToken());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Send(key, reply.status(), millis, reply.json().path("messageId").asText(),
                    reply.json().path("answer").asText(), during);
        } catch (RuntimeException connectionFailed) {
            sleep(100);
            return new Send(key, 0, (System.nanoTime() - start) / 1_000_000, null, null, during);
        }
    }

    private static void history(Api api, List<Accounts.Session> owners, Map<Accounts.Session, String> sessions,
                                Map<String, JsonNode> messages, Map<String, List<JsonNode>> answersTo) {
        for (Accounts.Session owner : owners) {
            Api.Reply detail = api.get("/api/v1/conversations/" + sessions.get(owner), owner.accessToken());
            assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
            for (JsonNode message : detail.json().path("messages")) {
                messages.put(message.path("id").asText(), message);
                if (message.path("role").asText().equals("assistant") && !message.path("replyTo").isNull()) {
                    answersTo.computeIfAbsent(message.path("replyTo").asText(), id -> new ArrayList<>()).add(message);
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.get((int) Math.ceil(sorted.size() * fraction) - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
