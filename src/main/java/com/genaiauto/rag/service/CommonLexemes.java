package com.genaiauto.rag.service;

import io.dropwizard.lifecycle.Managed;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words that occur in so many chunks that they cannot tell chunks apart ("aster" in an Aster-only
 * corpus), counted with PostgreSQL's {@code ts_stat}. Full-text search leaves them out of its
 * query: ranking every chunk that contains one costs tens of milliseconds at 100,000 chunks and
 * adds nothing. Recounted in the background after the knowledge base changes, and every few
 * minutes for changes made by other replicas. A small knowledge base has none.
 */
public final class CommonLexemes implements Supplier<Set<String>>, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CommonLexemes.class);
    // A word is common when it is in more than this share of the chunks and in at least MIN_CHUNKS.
    private static final double SHARE = 0.02;
    private static final int MIN_CHUNKS = 1_000;

    private final Jdbi jdbi;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-lexeme-stats");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile Set<String> common = Set.of();

    public CommonLexemes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Set<String> get() {
        return common;
    }

    /** The knowledge base changed: recount soon. */
    public void markStale() {
        stale.set(true);
    }

    @Override
    public void start() {
        refresher.scheduleWithFixedDelay(() -> {
            if (stale.getAndSet(false)) {
                refresh();
            }
        }, 0, 30, TimeUnit.SECONDS);
        refresher.scheduleWithFixedDelay(this::markStale, 5, 5, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        refresher.shutdownNow();
    }

    /** Recounts now (also used by tests and benchmarks). */
    public void refresh() {
        try {
            long chunks = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM document_chunks")
                    .mapTo(Long.class).one());
            long threshold = Math.max(MIN_CHUNKS, Math.round(chunks * SHARE));
            if (chunks <= threshold) {
                common = Set.of();
                return;
            }
            common = Set.copyOf(new HashSet<>(jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT word FROM ts_stat('SELECT search_vector FROM document_chunks') WHERE ndoc > :threshold")
                    .bind("threshold", threshold).mapTo(String.class).list())));
        } catch (RuntimeException e) {
            LOG.warn("Counting the knowledge base's common words failed; full-text search uses all words", e);
        }
    }
}
