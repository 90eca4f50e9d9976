package com.genaiauto.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.LlmException.Kind;
import com.genaiauto.llm.model.StreamListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP plumbing shared by the remote providers: a pooled HTTP/1.1 client per provider, sending,
 * status classification, deadlines. Calls use blocking I/O on the caller's thread (Apache
 * HttpClient's classic API): an asynchronous client hands every request and answer between
 * threads, which on a two-core machine added more latency than the provider hop itself.
 */
final class HttpCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CONNECTIONS = 512;

    private final String provider;
    private final CloseableHttpClient client;

    HttpCalls(String provider) {
        this.provider = provider;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        // A provider may close an idle keep-alive connection; check before reusing one.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // Answers are small JSON or event streams, which must not sit in a gzip buffer.
                .disableContentCompression()
                .build();
    }

    static String withoutTrailingSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A JSON POST to {@code endpoint}; callers add their own headers. */
    static HttpPost post(URI endpoint, String json, boolean stream) {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Accept", stream ? "text/event-stream" : "application/json");
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return post;
    }

    /**
     * Sends and returns the parsed JSON body of a 2xx answer; anything else becomes an
     * LlmException. The whole answer, body included, must arrive within {@code timeout}: a
     * provider that sends its headers and then stalls is cut off.
     */
    JsonNode sendJson(HttpPost post, Duration timeout) {
        post.setConfig(config(timeout));
        CallWatchdog.Watch watch = CallWatchdog.shared().watch(post::cancel, timeout, timeout);
        Answer answer;
        try {
            answer = client.execute(post, response -> new Answer(response.getCode(), retryAfter(response),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw failure(e, watch.expired());
        } finally {
            watch.end();
        }
        if (answer.status() / 100 != 2) {
            throw classify(provider, answer.status(), answer.retryAfter(), answer.body());
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
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

    /** Handles one {@code data:} payload of a provider's event stream. */
    @FunctionalInterface
    interface SseHandler {
        /**
         * {@code delta} passes text on to the caller. Returns true on the event that ends the
         * stream properly; a provider's error event is thrown as an {@link LlmException}.
         */
        boolean onData(String data, Consumer<String> delta) throws IOException;
    }

    /**
     * Opens a streamed call and feeds its {@code data:} payloads to {@code handler}. A stream
     * silent for longer than the call's timeout, or running past its overall bound, is cut off.
     * Every failure — no connection, an error event, a cut or stalled stream, an end without the
     * closing event — is reported to the listener, with whether text had already gone out.
     * Returns true when the stream ended properly and the caller should complete it.
     */
    boolean readEvents(HttpPost post, ProviderCall call, String closingEvent, StreamListener listener,
                       SseHandler handler) {
        post.setConfig(config(call.timeout()));
        CallWatchdog.Watch watch = CallWatchdog.shared().watch(post::cancel, call.timeout(), call.overall());
        boolean ended = false;
        boolean[] output = {false};
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            if (response.getCode() / 100 != 2) {
                listener.failed(classify(provider, response.getCode(), retryAfter(response), errorBody(response)), false);
                return false;
            }
            if (response.getEntity() == null) {
                listener.failed(new LlmException(Kind.MALFORMED, provider + " answered a stream without a body"), false);
                return false;
            }
            Consumer<String> delta = text -> {
                output[0] = true;
                listener.delta(text);
            };
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                watch.touch();
                if (line.startsWith("data:") && handler.onData(line.substring(5).trim(), delta)) {
                    ended = true;
                    break;
                }
            }
        } catch (LlmException e) {
            listener.failed(e, output[0]);
            return false;
        } catch (IOException e) {
            if (!output[0] && !watch.expired() && !(e instanceof SocketTimeoutException)) {
                listener.failed(failure(e, false), false);
            } else if (!output[0]) {
                listener.failed(new LlmException(Kind.TIMEOUT, provider + " timed out", null, 0, e), false);
            } else {
                listener.failed(new LlmException(Kind.CONNECTION, provider + " stream broke off", null, 0, e), true);
            }
            return false;
        } finally {
            if (!ended) {
                // Closing would read the rest of the body to keep the connection: drop it instead.
                post.cancel();
            }
            watch.end();
        }
        if (!ended) {
            listener.failed(new LlmException(Kind.CONNECTION, provider + " stream ended without " + closingEvent),
                    output[0]);
            return false;
        }
        return true;
    }

    private static RequestConfig config(Duration timeout) {
        Timeout bound = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        // The response timeout bounds each wait for data; the watchdog bounds the call as a whole.
        return RequestConfig.custom().setConnectionRequestTimeout(bound).setResponseTimeout(bound).build();
    }

    private LlmException failure(IOException e, boolean cutOff) {
        if (cutOff || e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                || e instanceof ConnectionRequestTimeoutException) {
            return new LlmException(Kind.TIMEOUT, provider + " timed out", null, 0, e);
        }
        return new LlmException(Kind.CONNECTION, provider + " unreachable: " + e.getClass().getSimpleName(), null, 0, e);
    }

    private static String errorBody(ClassicHttpResponse response) throws IOException {
        try {
            return response.getEntity() == null ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, 8192);
        } catch (ParseException unreadable) {
            return "";
        }
    }

    private static String retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        return header == null ? null : header.getValue();
    }

    private record Answer(int status, String retryAfter, String body) {
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
