package com.genaiauto.rag.service;

import com.genaiauto.rag.dao.ChunkUnitDao;
import com.genaiauto.rag.dao.StagedChunkDao;
import com.genaiauto.rag.model.IngestionResult.Outcome;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * What an ingestion reports as it goes, and where its embedded chunks wait until the document is
 * published: the job that runs it.
 */
public interface IngestionRun {

    /** The file is parsed into {@code total} chunks; embedding starts. */
    void chunked(int total);

    /** A batch of embedded chunks and their answer units, kept until {@link #publish}. */
    void embedded(List<StagedChunkDao.ChunkRow> chunks, List<ChunkUnitDao.UnitRow> units);

    /**
     * One transaction: {@code write} writes the document row; the staged chunks then become its
     * chunks (when {@link Published#withChunks()}), replacing any it had, and the run is finished.
     */
    Published publish(Function<Handle, Published> write);

    /** The document a run ended with and how; {@code withChunks} false when its chunks stay as they are. */
    record Published(UUID documentId, Outcome outcome, boolean withChunks) {
    }
}
