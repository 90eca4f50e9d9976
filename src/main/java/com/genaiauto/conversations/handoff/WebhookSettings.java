package com.genaiauto.conversations.handoff;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how handoff notices are delivered.
 *
 * @param url            the receiver (HUMAN_SUPPORT_WEBHOOK), or null to deliver nothing
 * @param secret         the HMAC-SHA256 signing secret; required when {@code url} is set
 * @param maxAttempts    attempts per notice, the first included (default 5)
 * @param initialBackoff wait before the second attempt; doubles with jitter after that (default 1 s)
 * @param attemptTimeout limit of one attempt, connection included (default 5 s)
 */
public record WebhookSettings(URI url, String secret, int maxAttempts, Duration initialBackoff, Duration attemptTimeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    public WebhookSettings {
        secret = secret == null ? "" : secret;
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, was " + maxAttempts);
        }
        if (initialBackoff.toMillis() < 1 || attemptTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("initialBackoff and attemptTimeout must be at least 1 ms");
        }
        if (url != null) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("The support webhook must be an absolute http(s) URL");
            }
            if (secret.isBlank()) {
                throw new IllegalArgumentException("The support webhook is set but has no signing secret");
            }
        }
    }

    /** From configuration strings: a blank URL switches delivery off; other values take their defaults. */
    public static WebhookSettings of(String url, String secret) {
        URI uri = url == null || url.isBlank() ? null : URI.create(url.trim());
        return new WebhookSettings(uri, secret, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_ATTEMPT_TIMEOUT);
    }

    /** No receiver: notices are dropped (with a debug line). */
    public static WebhookSettings disabled() {
        return of(null, null);
    }

    public boolean enabled() {
        return url != null;
    }

    /**
     * The receiver without its path and query, which often carry a token of their own
     * (chat-tool webhooks do): what may appear in a log line.
     */
    public String redactedUrl() {
        if (url == null) {
            return "(none)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }

    /** Without the secret or the URL's path, so settings can be logged. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + redactedUrl() + ", secret=" + (secret.isEmpty() ? "(none)" : "***")
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", attemptTimeout=" + attemptTimeout + "]";
    }
}
