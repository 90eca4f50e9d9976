package com.genaiauto.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A CLIENT span per SQL statement run inside a trace, named by the statement's first keyword and
 * table ({@code SELECT messages}); the SQL text, which may carry values, is never recorded.
 * Statements outside a traced request (pollers, the ledger's batch writes) get no span: each
 * would start a trace of its own. Installed in front of the SqlLogger Dropwizard set (its metrics), which
 * still hears every statement.
 */
public final class SqlSpans implements SqlLogger {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> TABLE = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> CALLER = AttributeKey.stringKey("code.function.name");

    private final Tracer tracer;
    private final SqlLogger next;
    private final Map<StatementContext, Span> open = new ConcurrentHashMap<>();

    private SqlSpans(Tracer tracer, SqlLogger next) {
        this.tracer = tracer;
        this.next = next;
    }

    public static void install(Jdbi jdbi, Tracer tracer) {
        SqlStatements statements = jdbi.getConfig(SqlStatements.class);
        statements.setSqlLogger(new SqlSpans(tracer, statements.getSqlLogger()));
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
        next.logBeforeExecution(context);
        // Outside a sampled request there is nothing to attach the span to: skip even the naming.
        if (!Span.current().isRecording()) {
            return;
        }
        SqlStatementName name = SqlStatementName.of(context.getRenderedSql());
        var span = tracer.spanBuilder(name.spanName())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SYSTEM, "postgresql")
                .setAttribute(OPERATION, name.operation());
        if (name.table() != null) {
            span.setAttribute(TABLE, name.table());
        }
        ExtensionMethod method = context.getExtensionMethod();
        if (method != null) {
            span.setAttribute(CALLER, method.getType().getSimpleName() + "." + method.getMethod().getName());
        }
        open.put(context, span.startSpan());
        // Ends a span whose statement failed before Jdbi could report it, when the statement is closed.
        context.addCleanable(() -> end(context, null));
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        next.logAfterExecution(context);
        end(context, null);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        next.logException(context, ex);
        end(context, ex);
    }

    private void end(StatementContext context, SQLException failure) {
        Span span = open.remove(context);
        if (span == null) {
            return;
        }
        if (failure != null) {
            // The SQLState only: PostgreSQL's messages quote the offending values.
            String state = failure.getSQLState() == null ? "unknown" : failure.getSQLState();
            span.setAttribute(Spans.ERROR_TYPE, state);
            span.setStatus(StatusCode.ERROR, "SQLState " + state);
        }
        span.end();
    }
}
