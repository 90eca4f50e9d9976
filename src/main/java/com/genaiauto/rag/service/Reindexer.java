package com.genaiauto.rag.service;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.genaiauto.rag.dao.ChunkDao;
import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.parse.Chunk;
import com.genaiauto.rag.embed.Embedder;
import com.pgvector.PGvector;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-embeds chunks written by another model (or all of them, on request) in the background, batch
 * by batch, each batch its own short transaction: search keeps working throughout, and an
 * interrupted rebuild resumes where it stopped because progress is the chunks' own model column.
 */
public final class Reindexer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    private static final int BATCH = 64;

    private final Jdbi jdbi;
    private final Embedder embedder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-reindex");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public Reindexer(Jdbi jdbi, Embedder embedder, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.embedder = embedder;
        metrics.register("rag.reindex_progress", (Gauge<Double>) this::progress);
    }

    /**
     * Starts a rebuild unless one is running. Without {@code all}, only chunks written by another
     * model; with it, every chunk, re-embedded in place, so search keeps every vector meanwhile.
     */
    public boolean start(boolean all) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        lastError.set(null);
        try {
            ChunkDao chunks = jdbi.onDemand(ChunkDao.class);
            total.set(all ? chunks.count() : chunks.countNotEmbeddedWith(embedder.model()));
            done.set(0);
            worker.execute(() -> run(all));
            return true;
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    private void run(boolean all) {
        try {
            ChunkDao chunks = jdbi.onDemand(ChunkDao.class);
            boolean finished = false;
            UUID cursor = new UUID(0, 0);
            while (!Thread.currentThread().isInterrupted()) {
                List<ChunkDao.ChunkText> batch = all ? chunks.after(cursor, BATCH)
                        : chunks.notEmbeddedWith(embedder.model(), BATCH);
                if (batch.isEmpty()) {
                    finished = true;
                    break;
                }
                reembed(batch);
                cursor = batch.get(batch.size() - 1).id();
                done.addAndGet(batch.size());
            }
            if (!finished) {
                // Stopped (shutdown): the next run resumes from the chunks still on the old model.
                return;
            }
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE documents SET embedding_model = :model")
                    .bind("model", embedder.model()).execute());
            LOG.info("Knowledge base re-embedded with {}: {} chunks", embedder.model(), done.get());
        } catch (RuntimeException e) {
            lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.error("Knowledge base re-embedding stopped after {} chunks", done.get(), e);
        } finally {
            running.set(false);
        }
    }

    /** A batch of chunks and their answer units, embedded together and stored in one transaction. */
    private void reembed(List<ChunkDao.ChunkText> batch) {
        Map<UUID, String> headings = new HashMap<>();
        batch.forEach(chunk -> headings.put(chunk.id(), Chunk.lastHeading(chunk.section())));
        List<AnswerUnit> units = jdbi.onDemand(ChunkUnitDao.class)
                .forChunks(batch.stream().map(ChunkDao.ChunkText::id).toArray(UUID[]::new), embedder.model())
                .stream().map(ChunkUnitDao.StoredUnit::toUnit).toList();
        List<String> texts = new ArrayList<>(batch.stream().map(ChunkDao.ChunkText::embeddingText).toList());
        units.forEach(unit -> texts.add(AnswerUnit.embeddingText(headings.get(unit.chunkId()), unit.kind(), unit.text(),
                unit.context())));
        List<float[]> vectors = embedder.embedPassages(texts);
        List<ChunkUnitDao.UnitRow> unitRows = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            AnswerUnit unit = units.get(i);
            unitRows.add(new ChunkUnitDao.UnitRow(unit.chunkId(), unit.ordinal(), unit.kind().wire(), unit.text(),
                    unit.context(), new PGvector(vectors.get(batch.size() + i)), embedder.model()));
        }
        jdbi.useTransaction(handle -> {
            handle.attach(ChunkDao.class).updateEmbeddings(batch.stream().map(ChunkDao.ChunkText::id).toList(),
                    vectors.subList(0, batch.size()).stream().map(PGvector::new).toList(), embedder.model());
            handle.attach(ChunkUnitDao.class).updateEmbeddings(unitRows);
        });
    }

    public Status status() {
        return new Status(running.get(), done.get(), total.get(), progress(), embedder.model(), lastError.get());
    }

    private double progress() {
        long all = total.get();
        return all == 0 ? (running.get() ? 0.0 : 1.0) : Math.min(1.0, (double) done.get() / all);
    }

    @Override
    public void stop() {
        worker.shutdownNow();
    }

    /** Progress of the current or last rebuild. */
    public record Status(boolean running, long done, long total, double progress, String model, String lastError) {
    }
}
