package com.genaiauto.llm.router;

import com.genaiauto.llm.model.ChatRequest;
import com.genaiauto.llm.model.ChatResponse;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.llm.model.StreamListener;
import com.genaiauto.platform.tracing.Spans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The router's spans: {@code llm route} around a routed call (the alias or pinned model asked
 * for, and who answered), and under it one CLIENT span per provider attempt, named
 * {@code chat <model>} with OpenTelemetry's {@code gen_ai.*} attributes. Prompts and answers are
 * never recorded.
 */
final class RouterSpans {

    static final AttributeKey<String> ALIAS = AttributeKey.stringKey("genai.llm.alias");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("genai.llm.stream");
    static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("genai.llm.cache_hit");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("genai.llm.status");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

    private static final Function<Throwable, String> ERROR_TYPE = error -> error instanceof LlmException failure
            ? failure.kind().name().toLowerCase(Locale.ROOT) : error.getClass().getSimpleName();

    private final Tracer tracer;

    RouterSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A routed call answered in one piece. */
    ChatResponse route(ChatRequest request, Supplier<ChatResponse> work) {
        Span span = routeSpan(request, false);
        return Spans.within(span, () -> answered(span, work.get()), ERROR_TYPE);
    }

    /** A streamed routed call; the listener hears the outcome, the span records it. */
    void routeStream(ChatRequest request, StreamListener listener, Consumer<StreamListener> work) {
        Span span = routeSpan(request, true);
        Spans.within(span, () -> {
            work.accept(new StreamListener() {
                @Override
                public void delta(String text) {
                    listener.delta(text);
                }

                @Override
                public void completed(ChatResponse response) {
                    answered(span, response);
                    listener.completed(response);
                }

                @Override
                public void failed(LlmException error, boolean afterOutput) {
                    Spans.failed(span, error, ERROR_TYPE.apply(error));
                    listener.failed(error, afterOutput);
                }
            });
            return null;
        }, ERROR_TYPE);
    }

    /** One call of one provider that answers in one piece; the span has the ledger's status for it. */
    ChatResponse attempt(Candidate candidate, Supplier<ChatResponse> work) {
        Span span = attemptSpan(candidate, false);
        return Spans.within(span, () -> {
            try {
                ChatResponse response = work.get();
                provided(span, response);
                return response;
            } catch (RuntimeException e) {
                span.setAttribute(STATUS, LlmRouter.statusOf(e));
                throw e;
            }
        }, ERROR_TYPE);
    }

    /** One streamed call of one provider: failures come back in the outcome, not thrown. */
    LlmRouter.StreamOutcome streamAttempt(Candidate candidate, Supplier<LlmRouter.StreamOutcome> work) {
        Span span = attemptSpan(candidate, true);
        return Spans.within(span, () -> {
            LlmRouter.StreamOutcome outcome = work.get();
            if (outcome.response() != null) {
                provided(span, outcome.response());
            } else {
                span.setAttribute(STATUS, LlmRouter.statusOf(outcome.error()));
                Spans.failed(span, outcome.error(), ERROR_TYPE.apply(outcome.error()));
            }
            return outcome;
        }, ERROR_TYPE);
    }

    private Span routeSpan(ChatRequest request, boolean stream) {
        String alias = request.model() != null && !request.model().isBlank() ? request.model()
                : request.profile().wireName();
        return tracer.spanBuilder("llm route").setAttribute(ALIAS, alias).setAttribute(STREAM, stream).startSpan();
    }

    private Span attemptSpan(Candidate candidate, boolean stream) {
        return tracer.spanBuilder("chat " + candidate.model())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, "chat")
                .setAttribute(SYSTEM, candidate.slot().name())
                .setAttribute(REQUEST_MODEL, candidate.model())
                .setAttribute(STREAM, stream)
                .startSpan();
    }

    private static ChatResponse answered(Span span, ChatResponse response) {
        span.setAttribute(SYSTEM, response.provider());
        span.setAttribute(RESPONSE_MODEL, response.model());
        span.setAttribute(CACHE_HIT, response.cached());
        return response;
    }

    private static void provided(Span span, ChatResponse response) {
        span.setAttribute(STATUS, "success");
        span.setAttribute(RESPONSE_MODEL, response.model());
        span.setAttribute(INPUT_TOKENS, (long) response.usage().promptTokens());
        span.setAttribute(OUTPUT_TOKENS, (long) response.usage().completionTokens());
        span.setStatus(StatusCode.OK);
    }
}
