package com.genaiauto.rag.embed;

import java.util.List;

/** Turns texts into vectors of one fixed dimension. Implementations are thread-safe. */
public interface Embedder {

    /** The model's name as recorded with each chunk (re-embedding is due when it changes). */
    String model();

    int dimension();

    /** Embeddings of passages, in input order, L2-normalised. */
    List<float[]> embedPassages(List<String> texts);

    /** The embedding of a search query (some models embed queries with an instruction). */
    float[] embedQuery(String query);
}
