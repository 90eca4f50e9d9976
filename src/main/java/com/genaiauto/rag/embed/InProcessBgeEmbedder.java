package com.genaiauto.rag.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BGE small en v1.5 (quantized, 384 dimensions) running in-process on ONNX Runtime, loaded from the
 * langchain4j artifact in the jar: no network, no files to install. Each worker thread embeds one
 * text with one intra-op thread, which on a small machine is faster than one text at a time with
 * all cores (the per-call threading overhead dominates for short texts).
 */
public final class InProcessBgeEmbedder implements Embedder, AutoCloseable {

    public static final String MODEL = "bge-small-en-v1.5";
    public static final int DIMENSION = 384;
    // The instruction BGE v1.5 was trained with for short queries against longer passages.
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    private static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService workers;
    private final Model model;

    public InProcessBgeEmbedder(int workerThreads) {
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, workerThreads), runnable -> {
            Thread thread = new Thread(runnable, "embedding-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.model = new Model(workers, load());
    }

    private static OnnxBertBiEncoder load() {
        try (InputStream onnx = resource(MODEL_RESOURCE); InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded BGE model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the BGE model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = InProcessBgeEmbedder.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is missing from the classpath (langchain4j BGE artifact)");
        }
        return stream;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embedAll(List.of(TextSegment.from(QUERY_INSTRUCTION + query))).content().get(0).vector();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(ExecutorService executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
