package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat socket client: sends JSON messages, queues every JSON frame it receives. */
public final class SocketFrames implements WebSocket.Listener {

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Opens {@code url} (ws:// or wss://) and signs in with {@code token}; returns once it is ready. */
    public static SocketFrames signedIn(HttpClient client, String url, String token) throws Exception {
        SocketFrames frames = new SocketFrames();
        frames.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), frames).join();
        frames.send(Map.of("type", "auth", "token", token));
        assertThat(frames.next().path("type").asText()).isEqualTo("ready");
        return frames;
    }

    public void send(Map<String, ?> message) throws Exception {
        socket.sendText(Api.JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 30 s").isNotNull();
        return frame;
    }

    /** The types of the frames up to and including the next one of {@code type}. */
    public List<String> typesUntil(String type) throws InterruptedException {
        List<String> types = new ArrayList<>();
        String next;
        do {
            next = next().path("type").asText();
            types.add(next);
        } while (!next.equals(type));
        return types;
    }

    public void close() {
        socket.abort();
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
}
