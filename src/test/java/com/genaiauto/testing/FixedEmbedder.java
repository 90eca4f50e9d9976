package com.genaiauto.testing;

import com.genaiauto.rag.embed.Embedder;
import java.util.List;
import java.util.Map;

/** An embedder with fixed two-dimensional vectors per text: the geometry under test, no model in the way. */
public final class FixedEmbedder implements Embedder {

    private final Map<String, float[]> vectors;

    private FixedEmbedder(Map<String, float[]> vectors) {
        this.vectors = Map.copyOf(vectors);
    }

    public static FixedEmbedder of(Map<String, float[]> vectors) {
        return new FixedEmbedder(vectors);
    }

    /** The unit vector in the direction (x, y). */
    public static float[] unit(float x, float y) {
        float norm = (float) Math.sqrt(x * x + y * y);
        return new float[] {x / norm, y / norm};
    }

    @Override
    public String model() {
        return "fixed";
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return texts.stream().map(vectors::get).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return vectors.get(query);
    }
}
