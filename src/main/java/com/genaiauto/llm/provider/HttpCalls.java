package com.genaiauto.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.LlmException.Kind;
import com.genaiauto.llm.model.StreamListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** HTTP plumbing shared by the remote providers: sending, status classification, deadlines. */
final class HttpCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "llm-stream-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private HttpCalls() {
    }

    static String withoutTrailingSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // Run the client's completion steps on its selector thread instead of hopping to a
                // pool thread and back: about half a millisecond less per call on a small machine.
                .executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends and returns the parsed JSON body of a 2xx answer; anything else becomes an LlmException. */
    static JsonNode sendJson(HttpClient client, HttpRequest request, Duration timeout, String provider) {
        HttpResponse<String> response;
        // The request timeout only covers the wait for the headers; a provider that then stalls
        // the body is cut off here, so the whole answer fits in the timeout.
        var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = pending.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new LlmException(Kind.TIMEOUT, provider + " timed out", null, 0, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new LlmException(Kind.TIMEOUT, provider + " timed out", null, 0, cause);
            }
            throw new LlmException(Kind.CONNECTION, provider + " unreachable: "
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()), null, 0, cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException(Kind.TIMEOUT, provider + " call interrupted", null, 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw classify(provider, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new LlmException(Kind.MALFORMED, provider + " answered something other than a JSON object");
            }
            if (body.has("error") && !body.path("error").isNull()) {
                throw new LlmException(Kind.SERVER_ERROR, provider + " answered an error object with status 200");
            }
            return body;
        } catch (IOException e) {
            throw new LlmException(Kind.MALFORMED, provider + " answered malformed JSON", null, 0, e);
        }
    }

    /** Opens a streaming response; a non-2xx status is classified before any event is read. */
    static InputStream openStream(HttpClient client, HttpRequest request, String provider) {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new LlmException(Kind.TIMEOUT, provider + " timed out", null, 0, e);
        } catch (IOException e) {
            throw new LlmException(Kind.CONNECTION, provider + " unreachable: " + e.getClass().getSimpleName(), null, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(Kind.TIMEOUT, provider + " call interrupted", null, 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw classify(provider, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), body);
        }
        return response.body();
    }

    /**
     * Closes a stream that falls silent for longer than {@code idle} or runs past {@code overall},
     * so a stalled provider cannot hold a thread; a long answer that keeps flowing is not cut.
     */
    /** Handles one {@code data:} payload of a provider's event stream. */
    @FunctionalInterface
    interface SseHandler {
        /**
         * {@code delta} passes text on to the caller. Returns true on the event that ends the
         * stream properly; a provider's error event is thrown as an {@link LlmException}.
         */
        boolean onData(String data, java.util.function.Consumer<String> delta) throws IOException;
    }

    /**
     * Opens a streamed call and feeds its {@code data:} payloads to {@code handler}, under the idle
     * and overall watchdog. Every failure — no connection, an error event, a cut or stalled stream,
     * an end without the closing event — is reported to the listener, with whether text had already
     * gone out. Returns true when the stream ended properly and the caller should complete it.
     */
    static boolean readEvents(HttpClient client, HttpRequest request, ProviderCall call, String provider,
                              String closingEvent, StreamListener listener, SseHandler handler) {
        InputStream stream;
        try {
            stream = openStream(client, request, provider);
        } catch (LlmException e) {
            listener.failed(e, false);
            return false;
        }
        StreamWatchdog watchdog = watch(stream, call.timeout(), call.overall());
        boolean[] output = {false};
        java.util.function.Consumer<String> delta = text -> {
            output[0] = true;
            listener.delta(text);
        };
        boolean ended = false;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                watchdog.touch();
                if (line.startsWith("data:") && handler.onData(line.substring(5).trim(), delta)) {
                    ended = true;
                    break;
                }
            }
        } catch (LlmException e) {
            listener.failed(e, output[0]);
            return false;
        } catch (IOException e) {
            listener.failed(new LlmException(output[0] ? Kind.CONNECTION : Kind.MALFORMED,
                    provider + " stream broke off", null, 0, e), output[0]);
            return false;
        } finally {
            watchdog.cancel();
        }
        if (!ended) {
            listener.failed(new LlmException(Kind.CONNECTION, provider + " stream ended without " + closingEvent),
                    output[0]);
            return false;
        }
        return true;
    }

    static StreamWatchdog watch(InputStream stream, Duration idle, Duration overall) {
        return new StreamWatchdog(stream, idle, overall);
    }

    /** See {@link #watch}. Readers call {@link #touch()} on every event. */
    static final class StreamWatchdog {
        private final long idleNanos;
        private final long endNanos;
        private volatile long lastActivity = System.nanoTime();
        private final ScheduledFuture<?> task;

        private StreamWatchdog(InputStream stream, Duration idle, Duration overall) {
            this.idleNanos = Math.max(1, idle.toNanos());
            this.endNanos = System.nanoTime() + Math.max(1, overall.toNanos());
            long period = Math.max(20, Math.min(250, idle.toMillis() / 4));
            this.task = WATCHDOG.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (now - lastActivity > idleNanos || now > endNanos) {
                    try {
                        stream.close();
                    } catch (IOException ignored) {
                        // Closing is the point; the reader sees the failure.
                    }
                    throw new IllegalStateException("closed");   // ends the periodic task
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        void touch() {
            lastActivity = System.nanoTime();
        }

        void cancel() {
            task.cancel(false);
        }
    }

    static LlmException classify(String provider, int status, String retryAfter, String body) {
        String what = provider + " answered HTTP " + status;
        if (status == 429) {
            return new LlmException(Kind.RATE_LIMITED, what, parseRetryAfter(retryAfter), status, null);
        }
        if (status == 408 || status == 504) {
            return new LlmException(Kind.TIMEOUT, what, null, status, null);
        }
        if (status >= 500) {
            return new LlmException(Kind.SERVER_ERROR, what, parseRetryAfter(retryAfter), status, null);
        }
        if (status == 401 || status == 403 || status == 404) {
            // Our key or model name is wrong for this provider: another provider may still answer.
            return new LlmException(Kind.UNAVAILABLE, what, null, status, null);
        }
        return new LlmException(Kind.REQUEST, what + requestErrorHint(body), null, status, null);
    }

    private static String requestErrorHint(String body) {
        if (body != null && (body.contains("context_length") || body.contains("maximum context")
                || body.contains("too long") || body.contains("prompt is too long"))) {
            return " (context too long)";
        }
        return "";
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
