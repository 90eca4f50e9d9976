package com.genaiauto.llm.ledger;

import com.genaiauto.platform.batch.BatchWriter;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every model call to {@code llm_usage} in the background, in batches, so that the
 * ledger costs a request nothing but a queue offer. {@link #flush()} waits until everything
 * queued so far is stored (used on shutdown and by tests).
 */
public final class CostLedger implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CostLedger.class);

    private final Jdbi jdbi;
    private final Consumer<List<UsageRecord>> afterWrite;
    // Records gather for up to 100 ms: a wake-up per model call would cost the call more than its row.
    private final BatchWriter<UsageRecord> writer = new BatchWriter<>("llm-cost-ledger", Duration.ofMillis(100), 200,
            50_000, this::storeAndCount);

    public CostLedger(Jdbi jdbi, Consumer<List<UsageRecord>> afterWrite) {
        this.jdbi = jdbi;
        this.afterWrite = afterWrite;
    }

    public void record(UsageRecord usage) {
        if (!writer.offer(usage)) {
            LOG.error("Cost ledger queue full: a usage record was dropped ({} {})", usage.provider(), usage.model());
        }
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() throws InterruptedException {
        writer.stop();
    }

    /** Blocks until every record accepted before this call is stored (at most ten seconds). */
    public void flush() throws InterruptedException {
        writer.flush();
    }

    private void storeAndCount(List<UsageRecord> batch) {
        store(batch);
        // Spend counts against the budget even if the ledger could not keep every row.
        try {
            afterWrite.accept(List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.warn("Budget update after a ledger write failed: {}", e.toString());
        }
    }

    /**
     * Stores a batch: whole, retried a few times while the database is away, then row by row so
     * that one bad row cannot block the rest. A row whose conversation, user or key was deleted
     * meanwhile is kept without those references.
     */
    private void store(List<UsageRecord> batch) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not store {} usage record(s) (attempt {}): {}", batch.size(), attempt, e.toString());
                if (attempt < 3) {
                    sleepQuietly();
                }
            }
        }
        for (UsageRecord usage : batch) {
            try {
                write(List.of(usage));
            } catch (RuntimeException e) {
                try {
                    write(List.of(withoutReferences(usage)));
                } catch (RuntimeException again) {
                    LOG.error("Dropped a usage record ({} {} {} USD): {}", usage.provider(), usage.model(),
                            usage.costUsd(), again.toString());
                }
            }
        }
    }

    private static UsageRecord withoutReferences(UsageRecord usage) {
        return new UsageRecord(usage.id(), usage.requestId(), null, null, null, usage.provider(), usage.model(),
                usage.profile(), usage.promptTokens(), usage.completionTokens(), usage.estimatedTokens(),
                usage.costUsd(), usage.latencyMs(), usage.status(), usage.errorType(), usage.cacheHit(), usage.at());
    }

    private void write(List<UsageRecord> batch) {
        jdbi.useHandle(handle -> {
            PreparedBatch insert = handle.prepareBatch("""
                    INSERT INTO llm_usage (id, request_id, conversation_id, user_id, api_key_id, provider, model, profile,
                                           prompt_tokens, completion_tokens, tokens_estimated, cost_usd, latency_ms,
                                           status, error_type, cache_hit, created_at)
                    VALUES (:id, :requestId, :conversationId, :userId, :apiKeyId, :provider, :model, :profile,
                            :promptTokens, :completionTokens, :estimatedTokens, :costUsd, :latencyMs, :status,
                            :errorType, :cacheHit, :at)""");
            for (UsageRecord usage : batch) {
                insert.bindMethods(usage).add();
            }
            insert.execute();
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
