package com.genaiauto.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.genaiauto.testing.Accounts;
import com.genaiauto.testing.Api;
import com.genaiauto.testing.RunningApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A hung Redis (stopped, connections open) does not stall chat")
class RedisFreezeFaultIT {

    @RegisterExtension
    static final RunningApp APP = RunningApp.standard();

    private static final List<String> QUESTIONS = List.of("How often should the cabin filter be replaced?",
            "What tyre pressure does the car need?", "How do I reset the service reminder?",
            "Where is the jacking point?", "What does the orange engine light mean?");

    @Test
    void shouldAnswerEveryChatWhileRedisIsFrozenWithoutWaitingForIt() {
        Api api = APP.api();
        Accounts.Session owner = new Accounts(api).aCustomer().register();
        assertThat(chat(api, owner, "Hello").status()).isEqualTo(200);

        List<Long> millis = new ArrayList<>();
        APP.redis().freeze();
        try {
            for (String question : QUESTIONS) {
                long start = System.nanoTime();
                Api.Reply reply = chat(api, owner, question);
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.json().path("answer").asText()).isNotBlank();
            }
        } finally {
            APP.redis().thaw();
        }
        System.out.printf("chats during a Redis freeze, ms: %s%n", millis);
        // Each Redis command would wait out its 2 s timeout, and a turn makes several: five turns
        // that waited for Redis would take half a minute. Only the first may meet commands in flight.
        assertThat(millis.stream().mapToLong(Long::longValue).sum()).isLessThan(12_000);
        assertThat(millis.subList(1, millis.size())).allSatisfy(each -> assertThat(each).isLessThan(2_000));

        assertThat(chat(api, owner, "Thanks").status()).isEqualTo(200);
    }

    private static Api.Reply chat(Api api, Accounts.Session owner, String message) {
        return api.post("/api/v1/chat", Map.of("message", message), owner.accessToken());
    }
}
