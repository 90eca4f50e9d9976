package com.genaiauto.rag.service;

import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.dao.StagedChunkDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.parse.AnswerUnits;
import com.genaiauto.rag.parse.Chunk;
import com.pgvector.PGvector;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A document's chunks and their answer units through the model, a batch at a time, each batch handed to the run. */
final class BatchedEmbedding {

    /** Chunks embedded per batch: progress is reported, and vectors are let go, this often. */
    static final int BATCH_CHUNKS = 32;
    private static final ExecutorService STAGING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ingestion-staging");
        thread.setDaemon(true);
        return thread;
    });

    private final Embedder embedder;

    BatchedEmbedding(Embedder embedder) {
        this.embedder = embedder;
    }

    /**
     * Batch after batch through the model; each batch is handed to the run on another thread while
     * the model embeds the next, so the embedding workers do not wait for the database. At most
     * two batches are in memory.
     */
    void embedAll(List<Chunk> chunks, IngestionRun run) {
        CompletableFuture<Void> staging = CompletableFuture.completedFuture(null);
        try {
            for (int from = 0; from < chunks.size(); from += BATCH_CHUNKS) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("ingestion stopped");
                }
                Runnable stage = embed(chunks.subList(from, Math.min(chunks.size(), from + BATCH_CHUNKS)), run);
                staging.join();
                staging = CompletableFuture.runAsync(stage, STAGING);
            }
            staging.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            // A batch still being staged when the run fails finishes (or fails) before the run reports.
            staging.exceptionally(ignored -> null).join();
        }
    }

    /** One batch through the model, chunks and their answer units in one call; returns the staging of the result. */
    private Runnable embed(List<Chunk> batch, IngestionRun run) {
        List<UUID> ids = batch.stream().map(chunk -> UUID.randomUUID()).toList();
        List<ChunkUnitDao.UnitRow> units = new ArrayList<>();
        List<String> texts = new ArrayList<>(batch.stream().map(Chunk::embeddingText).toList());
        for (int c = 0; c < batch.size(); c++) {
            String heading = Chunk.lastHeading(batch.get(c).section());
            int ordinal = 0;
            for (AnswerUnits.Draft unit : AnswerUnits.split(batch.get(c).content())) {
                units.add(new ChunkUnitDao.UnitRow(ids.get(c), ordinal++, unit.kind().wire(), unit.text(),
                        unit.context(), null, embedder.model()));
                texts.add(AnswerUnit.embeddingText(heading, unit.kind(), unit.text(), unit.context()));
            }
        }
        List<float[]> vectors = embedder.embedPassages(texts);
        List<StagedChunkDao.ChunkRow> chunkRows = new ArrayList<>(batch.size());
        for (int c = 0; c < batch.size(); c++) {
            Chunk chunk = batch.get(c);
            chunkRows.add(new StagedChunkDao.ChunkRow(chunk.index(), ids.get(c), chunk.section(), chunk.content(),
                    chunk.tokenCount(), new PGvector(vectors.get(c))));
        }
        List<ChunkUnitDao.UnitRow> unitRows = new ArrayList<>(units.size());
        for (int u = 0; u < units.size(); u++) {
            ChunkUnitDao.UnitRow unit = units.get(u);
            unitRows.add(new ChunkUnitDao.UnitRow(unit.chunkId(), unit.ordinal(), unit.kind(), unit.text(),
                    unit.context(), new PGvector(vectors.get(batch.size() + u)), unit.embeddingModel()));
        }
        return () -> run.embedded(chunkRows, unitRows);
    }
}
