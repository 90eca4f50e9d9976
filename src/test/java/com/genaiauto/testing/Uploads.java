package com.genaiauto.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Document uploads as a client of the ingestion jobs sees them: the upload is accepted (202) with
 * its job, which is then read until it has ended.
 */
public final class Uploads {

    private static final Set<String> FINISHED = Set.of("done", "failed");
    /** A guard against a job that never ends, not a timing: a 10 MiB manual on a busy machine takes minutes. */
    private static final Duration GIVE_UP = Duration.ofMinutes(20);

    private Uploads() {
    }

    /** The job of an accepted upload once it has ended ({@code status} "done" or "failed"). */
    public static JsonNode finished(Api api, String token, Api.Reply accepted) {
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo("/api/v1/documents/jobs/" + accepted.field("id"));
        return await(api, token, location);
    }

    /** Reads the job at {@code location} until it has ended. */
    public static JsonNode await(Api api, String token, String location) {
        return await(api, token, location, job -> FINISHED.contains(job.path("status").asText()));
    }

    /** Reads the job at {@code location} until it is as {@code wanted} says. */
    public static JsonNode await(Api api, String token, String location, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            Api.Reply reply = api.get(location, token);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            if (wanted.test(reply.json())) {
                return reply.json();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the ingestion job never got there: " + reply.text());
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** The job of an accepted upload once done; fails with its reason otherwise. */
    public static JsonNode done(Api api, String token, Api.Reply accepted) {
        JsonNode job = finished(api, token, accepted);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        return job;
    }

    /** The document a finished job made or found. */
    public static JsonNode document(Api api, String token, JsonNode job) {
        Api.Reply reply = api.get("/api/v1/documents/" + job.path("documentId").asText(), token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /**
     * The {@code progress} events of a job's stream ({@code GET <location>/events} with a bearer
     * token, read as a page would with fetch), until the server ends it.
     */
    public static List<JsonNode> progressEvents(int port, String token, String location) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + location + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
            List<JsonNode> events = new ArrayList<>();
            String event = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertThat(event).isEqualTo("progress");
                    events.add(Api.JSON.readTree(line.substring(6)));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
