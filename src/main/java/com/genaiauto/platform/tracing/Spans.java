package com.genaiauto.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.function.Function;
import java.util.function.Supplier;

/** Running work inside a span: current while it runs (so inner spans nest), failed when it throws, always ended. */
public final class Spans {

    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private Spans() {
    }

    public static <T> T within(Span span, Supplier<T> work) {
        return within(span, work, error -> error.getClass().getSimpleName());
    }

    /** The same, with {@code errorType} naming a failure's {@code error.type} (e.g. a failure's kind). */
    @SuppressWarnings("try") // the scope is held while the work runs, never read
    public static <T> T within(Span span, Supplier<T> work, Function<Throwable, String> errorType) {
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            failed(span, e, errorType.apply(e));
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks the span failed; the exception's message goes with it, so callers pass no personal data in it. */
    public static void failed(Span span, Throwable error, String type) {
        span.recordException(error);
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR);
    }
}
