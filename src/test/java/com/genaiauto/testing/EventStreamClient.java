package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-lived Server-Sent Events stream, read as a browser's fetch reads it: every event is
 * queued as it arrives, for the test to take in order.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One event: its name and its parsed JSON data. */
    public record Event(String name, JsonNode data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        if (status < 400) {
            // A refused stream's body is its error JSON, read by error().
            Thread pump = new Thread(this::pump, "event-stream-client");
            pump.setDaemon(true);
            pump.start();
        }
    }

    /** Opens {@code GET path} on the port with a bearer token (none when null); returns once the head arrived. */
    public static EventStreamClient open(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * Only whether a stream opens: the status, with the error body when it is refused (an open
     * stream is closed at once, its body left unread).
     */
    public static Api.Reply opens(int port, String path, String token) throws IOException, InterruptedException {
        try (EventStreamClient stream = open(port, path, token)) {
            String body = stream.status() >= 400 ? new String(stream.body.readAllBytes(), StandardCharsets.UTF_8) : "";
            return new Api.Reply(stream.status(), body, null);
        }
    }

    public int status() {
        return status;
    }

    /** The next event, whatever its name. */
    public Event next() throws InterruptedException {
        Event event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("an event within %s", WAIT).isNotNull();
        return event;
    }

    /** The next event that matches, skipping others. */
    public Event next(Predicate<Event> wanted) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            Event event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching event within " + WAIT);
    }

    /** The next event named {@code name}. */
    public Event next(String name) throws InterruptedException {
        return next(event -> event.name().equals(name));
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, Api.JSON.readTree(line.substring(6))));
                } else if (line.isEmpty()) {
                    name = "message";
                }
            }
        } catch (IOException closed) {
            // closed by the test or the server
        }
    }

    /** The whole body of a refused stream (an error JSON). */
    public JsonNode error() throws IOException {
        return Api.JSON.readTree(body.readAllBytes());
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
