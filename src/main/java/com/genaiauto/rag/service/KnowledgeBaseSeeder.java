package com.genaiauto.rag.service;

import com.genaiauto.rag.model.IngestionResult;
import com.genaiauto.rag.ingest.IngestionJobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the bundled demo knowledge base (a fictional manufacturer's manuals, in
 * {@code knowledge-base/} on the classpath). Idempotent: unchanged files are recognised by hash and
 * cost nothing; changed files replace their previous version.
 */
public final class KnowledgeBaseSeeder {

    public static final String DIRECTORY = "knowledge-base/";
    private static final int PARALLEL_DOCUMENTS = 2;

    private final IngestionJobs ingestion;

    public KnowledgeBaseSeeder(IngestionJobs ingestion) {
        this.ingestion = ingestion;
    }

    /** The slugs listed in the bundled index, in order. */
    public static List<String> bundledSlugs() {
        String index = read(DIRECTORY + "index.txt");
        return index.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.endsWith(".md") ? line.substring(0, line.length() - 3) : line).toList();
    }

    public static List<DemoDocument> bundledDocuments() {
        List<DemoDocument> documents = new ArrayList<>();
        for (String slug : bundledSlugs()) {
            documents.add(DemoDocument.parse(slug, read(DIRECTORY + slug + ".md")));
        }
        return documents;
    }

    /**
     * Two documents at a time: while one is being stored, the other keeps the embedding workers
     * busy (one document alone leaves a worker idle at the end of its batch).
     */
    public Report seed() {
        Map<IngestionResult.Outcome, Integer> outcomes = new EnumMap<>(IngestionResult.Outcome.class);
        int chunks = 0;
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_DOCUMENTS);
        try {
            List<Future<IngestionResult>> results = new ArrayList<>();
            for (DemoDocument document : bundledDocuments()) {
                results.add(pool.submit(() -> ingestion.ingest(document.asUpload())));
            }
            for (Future<IngestionResult> future : results) {
                IngestionResult result = await(future);
                outcomes.merge(result.outcome(), 1, Integer::sum);
                chunks += result.document().chunkCount();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(outcomes.getOrDefault(IngestionResult.Outcome.CREATED, 0),
                outcomes.getOrDefault(IngestionResult.Outcome.UPDATED, 0),
                outcomes.getOrDefault(IngestionResult.Outcome.UNCHANGED, 0), chunks);
    }

    private static IngestionResult await(Future<IngestionResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static String read(String resource) {
        try (InputStream stream = KnowledgeBaseSeeder.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many documents were created, updated and left unchanged, and the chunks they hold. */
    public record Report(int created, int updated, int unchanged, int chunks) {

        @Override
        public String toString() {
            return "created " + created + ", updated " + updated + ", unchanged " + unchanged + " documents; "
                    + chunks + " chunks";
        }
    }
}
