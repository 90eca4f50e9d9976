package com.genaiauto.llm.router;

import com.genaiauto.llm.cache.ResponseCache;
import com.genaiauto.llm.ledger.BudgetTracker;
import com.genaiauto.llm.ledger.CostLedger;
import com.genaiauto.llm.ledger.UsageRecord;
import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.LlmException.Kind;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.llm.model.Usage;
import com.genaiauto.llm.provider.ProviderCall;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every model call of the product goes through here. Candidates are tried in order; each is
 * guarded by its bulkhead, rate bucket and circuit breaker, retried with jittered exponential
 * backoff (honouring Retry-After) on transient failures, and abandoned for the next candidate on
 * timeouts, connection errors, 5xx, 429 and malformed answers — all within one deadline. A request
 * the provider rejects as invalid (4xx) is not tried elsewhere. Every call is written to the
 * cost ledger. Each call is traced: a route span, and a provider span per attempt.
 */
public final class LlmRouter {

    private static final Set<Kind> RETRIABLE = Set.of(Kind.TIMEOUT, Kind.CONNECTION, Kind.SERVER_ERROR,
            Kind.RATE_LIMITED, Kind.MALFORMED);
    private static final Duration BASE_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final CandidateSelector selector;
    private final ResponseCache cache;
    private final CostLedger ledger;
    private final BudgetTracker budget;
    private final LlmMetrics metrics;
    private final Duration defaultDeadline;
    private final Clock clock;
    private final RouterSpans spans;

    public LlmRouter(CandidateSelector selector, ResponseCache cache, CostLedger ledger, BudgetTracker budget,
                     LlmMetrics metrics, Duration defaultDeadline, Clock clock, Tracer tracer) {
        this.selector = selector;
        this.cache = cache;
        this.ledger = ledger;
        this.budget = budget;
        this.metrics = metrics;
        this.defaultDeadline = defaultDeadline;
        this.clock = clock;
        this.spans = new RouterSpans(tracer);
    }

    public ChatResponse complete(ChatRequest request) {
        return spans.route(request, () -> completeRouted(request));
    }

    public void stream(ChatRequest request, StreamListener listener) {
        spans.routeStream(request, listener, traced -> streamRouted(request, traced));
    }

    private ChatResponse completeRouted(ChatRequest request) {
        String cacheKey = cache.keyFor(request).orElse(null);
        var hit = cacheKey == null ? java.util.Optional.<ChatResponse>empty() : cache.get(cacheKey);
        if (hit.isPresent()) {
            recordCacheHit(request, hit.get());
            return hit.get();
        }
        Deadline deadline = Deadline.after(deadlineOf(request));
        List<Candidate> candidates = selector.candidates(request, budget.isCapped());
        LlmException last = null;
        for (Candidate candidate : candidates) {
            if (deadline.expired()) {
                break;
            }
            try {
                ChatResponse response = attempt(candidate, request, deadline);
                if (cacheKey != null) {
                    cache.put(cacheKey, response);
                }
                return response;
            } catch (LlmException e) {
                if (!e.kind().tryNext()) {
                    throw e;
                }
                last = e;
                metrics.fallbacks().inc();
            }
        }
        throw exhausted(last, deadline);
    }

    private void streamRouted(ChatRequest request, StreamListener listener) {
        String cacheKey = cache.keyFor(request).orElse(null);
        var hit = cacheKey == null ? java.util.Optional.<ChatResponse>empty() : cache.get(cacheKey);
        if (hit.isPresent()) {
            recordCacheHit(request, hit.get());
            String content = hit.get().content() == null ? "" : hit.get().content();
            for (String piece : content.split("(?<= )")) {
                listener.delta(piece);
            }
            listener.completed(hit.get());
            return;
        }
        Deadline deadline = Deadline.after(deadlineOf(request));
        List<Candidate> candidates;
        try {
            candidates = selector.candidates(request, budget.isCapped());
        } catch (LlmException e) {
            listener.failed(e, false);
            return;
        }
        LlmException last = null;
        for (Candidate candidate : candidates) {
            if (deadline.expired()) {
                break;
            }
            StreamOutcome outcome = streamOnce(candidate, request, deadline, listener);
            if (outcome.response() != null) {
                if (cacheKey != null) {
                    cache.put(cacheKey, outcome.response());
                }
                listener.completed(outcome.response());
                return;
            }
            LlmException error = outcome.error();
            if (outcome.afterOutput() || !error.kind().tryNext()) {
                // Text already reached the client: switching providers would splice two answers.
                listener.failed(error, outcome.afterOutput());
                return;
            }
            last = error;
            metrics.fallbacks().inc();
        }
        listener.failed(exhausted(last, deadline), false);
    }

    private ChatResponse attempt(Candidate candidate, ChatRequest request, Deadline deadline) {
        ProviderSlot slot = admit(candidate, request);
        try {
            RetryConfig config = RetryConfig.<ChatResponse>custom()
                    .maxAttempts(slot.retries() + 1)
                    .intervalBiFunction((Integer attempt, Either<Throwable, ChatResponse> outcome) ->
                            waitBefore(attempt, outcome, deadline))
                    .retryOnException(error -> error instanceof LlmException failure
                            && RETRIABLE.contains(failure.kind()) && worthRetrying(failure, deadline))
                    .failAfterMaxAttempts(false)
                    .build();
            return Retry.of(slot.name(), config).executeSupplier(() -> callOnce(candidate, request, deadline));
        } finally {
            slot.bulkhead().onComplete();
        }
    }

    /** Checks the operator switch, the rate bucket and the bulkhead; the breaker is asked per attempt. */
    private ProviderSlot admit(Candidate candidate, ChatRequest request) {
        ProviderSlot slot = candidate.slot();
        if (!slot.isEnabled()) {
            throw new LlmException(Kind.UNAVAILABLE, slot.name() + " is disabled");
        }
        if (!slot.tryTakeRateToken()) {
            record(candidate, request, Usage.NONE, 0, "rate_limited", "local_rate_limit", false);
            throw new LlmException(Kind.RATE_LIMITED, slot.name() + " is at its configured request rate");
        }
        if (!slot.acquire()) {
            record(candidate, request, Usage.NONE, 0, "rejected", "bulkhead_full", false);
            throw new LlmException(Kind.UNAVAILABLE, slot.name() + " has too many calls in flight and waiting");
        }
        return slot;
    }

    private ChatResponse callOnce(Candidate candidate, ChatRequest request, Deadline deadline) {
        ProviderSlot slot = candidate.slot();
        if (!slot.breaker().tryAcquirePermission()) {
            record(candidate, request, Usage.NONE, 0, "circuit_open", "circuit_open", false);
            throw new LlmException(Kind.UNAVAILABLE, slot.name() + " circuit is open");
        }
        Duration timeout = min(slot.timeout(), deadline.remaining());
        if (timeout.toMillis() < 1) {
            slot.breaker().releasePermission();
            throw new LlmException(Kind.TIMEOUT, "deadline reached before calling " + slot.name());
        }
        long started = System.nanoTime();
        try {
            ChatResponse response = spans.attempt(candidate, () -> slot.provider()
                    .complete(new ProviderCall(candidate.model(), request, timeout)).withModel(candidate.model()));
            long elapsed = System.nanoTime() - started;
            slot.breaker().onSuccess(elapsed, TimeUnit.NANOSECONDS);
            record(candidate, request, response.usage(), elapsed, "success", null, false);
            return response;
        } catch (LlmException e) {
            failed(candidate, request, e, System.nanoTime() - started, Usage.NONE);
            throw e;
        } catch (RuntimeException unexpected) {
            LlmException e = new LlmException(Kind.MALFORMED, slot.name() + " failed unexpectedly", null, 0, unexpected);
            failed(candidate, request, e, System.nanoTime() - started, Usage.NONE);
            throw e;
        }
    }

    private StreamOutcome streamOnce(Candidate candidate, ChatRequest request, Deadline deadline,
                                     StreamListener client) {
        ProviderSlot slot;
        try {
            slot = admit(candidate, request);
        } catch (LlmException e) {
            return new StreamOutcome(null, e, false);
        }
        try {
            if (!slot.breaker().tryAcquirePermission()) {
                record(candidate, request, Usage.NONE, 0, "circuit_open", "circuit_open", false);
                return new StreamOutcome(null, new LlmException(Kind.UNAVAILABLE, slot.name() + " circuit is open"), false);
            }
            // Silence between events is bounded by the provider's timeout, the stream by the deadline.
            Duration timeout = min(slot.timeout(), deadline.remaining());
            Duration overall = deadline.remaining();
            return spans.streamAttempt(candidate, () -> streamAttempt(slot, candidate, request, timeout, overall, client));
        } finally {
            slot.bulkhead().onComplete();
        }
    }

    /** One streamed attempt, billed and reported to the breaker; the client going away is thrown. */
    private StreamOutcome streamAttempt(ProviderSlot slot, Candidate candidate, ChatRequest request, Duration timeout,
                                        Duration overall, StreamListener client) {
        AtomicReference<ChatResponse> done = new AtomicReference<>();
        AtomicReference<LlmException> error = new AtomicReference<>();
        AtomicBoolean afterOutput = new AtomicBoolean();
        StringBuilder partial = new StringBuilder();
        long started = System.nanoTime();
        try {
            streamFrom(slot, candidate, request, timeout, overall, client, done, error, afterOutput, partial);
        } catch (RuntimeException clientGone) {
            // The client stopped listening (e.g. it disconnected): not the provider's fault, but
            // what was generated until then is still billed.
            slot.breaker().releasePermission();
            record(candidate, request, new Usage(estimate(request), Math.max(1, partial.length() / 4), true),
                    System.nanoTime() - started, "error", "client_disconnected", false);
            throw clientGone;
        }
        long elapsed = System.nanoTime() - started;
        if (done.get() != null) {
            slot.breaker().onSuccess(elapsed, TimeUnit.NANOSECONDS);
            record(candidate, request, done.get().usage(), elapsed, "success", null, false);
            return new StreamOutcome(done.get(), null, true);
        }
        LlmException failure = error.get() != null ? error.get()
                : new LlmException(Kind.MALFORMED, slot.name() + " stream ended without an outcome");
        // What was streamed before the cut was generated and is billed, as an estimate.
        Usage partialUsage = afterOutput.get()
                ? new Usage(estimate(request), Math.max(1, partial.length() / 4), true) : Usage.NONE;
        failed(candidate, request, failure, elapsed, partialUsage);
        return new StreamOutcome(null, failure, afterOutput.get());
    }

    private static void streamFrom(ProviderSlot slot, Candidate candidate, ChatRequest request, Duration timeout,
                                   Duration overall, StreamListener client, AtomicReference<ChatResponse> done,
                                   AtomicReference<LlmException> error, AtomicBoolean afterOutput,
                                   StringBuilder partial) {
        slot.provider().stream(new ProviderCall(candidate.model(), request, timeout, overall), new StreamListener() {
            @Override
            public void delta(String text) {
                partial.append(text);
                afterOutput.set(true);
                client.delta(text);
            }

            @Override
            public void completed(ChatResponse response) {
                done.set(response.withModel(candidate.model()));
            }

            @Override
            public void failed(LlmException failure, boolean output) {
                error.set(failure);
                afterOutput.compareAndSet(false, output);
            }
        });
    }

    private void failed(Candidate candidate, ChatRequest request, LlmException e, long elapsedNanos, Usage usage) {
        if (e.kind() == Kind.REQUEST) {
            // The provider is fine; the request was not.
            candidate.slot().breaker().onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
        } else {
            candidate.slot().breaker().onError(elapsedNanos, TimeUnit.NANOSECONDS, e);
        }
        record(candidate, request, usage, elapsedNanos, statusOf(e), e.kind().name().toLowerCase(java.util.Locale.ROOT),
                false);
    }

    /** A failed call's status in the ledger and the metrics: timeout, rate_limited or error. */
    static String statusOf(Throwable failure) {
        if (!(failure instanceof LlmException e)) {
            return "error";
        }
        return switch (e.kind()) {
            case TIMEOUT -> "timeout";
            case RATE_LIMITED -> "rate_limited";
            default -> "error";
        };
    }

    private void record(Candidate candidate, ChatRequest request, Usage usage, long elapsedNanos, String status,
                        String errorType, boolean cacheHit) {
        double cost = candidate.slot().cost(candidate.model(), usage.promptTokens(), usage.completionTokens());
        ChatRequest.Attribution who = request.attribution();
        ledger.record(new UsageRecord(UUID.randomUUID(), who.requestId(), who.conversationId(), who.userId(),
                who.apiKeyId(), candidate.slot().name(), candidate.model(), request.profile().wireName(),
                usage.promptTokens(), usage.completionTokens(), usage.estimated(), cost,
                TimeUnit.NANOSECONDS.toMillis(elapsedNanos), status, errorType, cacheHit, clock.instant()));
        metrics.request(candidate.slot().name(), candidate.model(), status, elapsedNanos, usage.promptTokens(),
                usage.completionTokens(), cost);
    }

    private void recordCacheHit(ChatRequest request, ChatResponse cached) {
        ChatRequest.Attribution who = request.attribution();
        ledger.record(new UsageRecord(UUID.randomUUID(), who.requestId(), who.conversationId(), who.userId(),
                who.apiKeyId(), cached.provider(), cached.model(), request.profile().wireName(), 0, 0, false, 0, 0,
                "success", null, true, clock.instant()));
    }

    private Duration deadlineOf(ChatRequest request) {
        return request.deadline() == null ? defaultDeadline : request.deadline();
    }

    private static long waitBefore(int attempt, Either<Throwable, ChatResponse> outcome, Deadline deadline) {
        Duration wait = null;
        if (outcome.isLeft() && outcome.getLeft() instanceof LlmException failure && failure.retryAfter() != null) {
            wait = failure.retryAfter();
        }
        if (wait == null) {
            long exponential = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
            long capped = Math.min(exponential, MAX_BACKOFF.toMillis());
            // Full jitter keeps replicas that failed together from retrying together.
            wait = Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        }
        return Math.max(0, Math.min(wait.toMillis(), deadline.remaining().toMillis() - 50));
    }

    private static boolean worthRetrying(LlmException failure, Deadline deadline) {
        long remaining = deadline.remaining().toMillis();
        if (remaining < 100) {
            return false;
        }
        return failure.retryAfter() == null || failure.retryAfter().toMillis() < remaining - 100;
    }

    private static LlmException exhausted(LlmException last, Deadline deadline) {
        if (last == null && deadline.expired()) {
            return new LlmException(Kind.TIMEOUT, "The request deadline passed before any provider answered.");
        }
        return new LlmException(Kind.NO_PROVIDER, "No language model provider could answer"
                + (last == null ? "." : " (last: " + last.getMessage() + ")."), null, 0, last);
    }

    private static int estimate(ChatRequest request) {
        int chars = 0;
        for (var message : request.messages()) {
            chars += message.textOrEmpty().length();
        }
        return Math.max(1, chars / 4);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    record StreamOutcome(ChatResponse response, LlmException error, boolean afterOutput) {
    }

    /** True when a language model could answer; false means answers come from the extractive responder. */
    public boolean hasLanguageModel() {
        return selector.hasLanguageModel();
    }

    public CandidateSelector selector() {
        return selector;
    }

    public BudgetTracker budget() {
        return budget;
    }

    public ResponseCache cache() {
        return cache;
    }
}
