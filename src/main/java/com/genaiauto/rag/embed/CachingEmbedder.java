package com.genaiauto.rag.embed;

import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisKeys;
import io.lettuce.core.KeyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Embeddings cached in Redis under model + SHA-256 of the text, so re-uploading or re-seeding
 * unchanged text and repeated queries skip the model. Redis being down means no cache, never an
 * error. Counts hits, misses and writes as cache operations of type {@code embedding}.
 */
public final class CachingEmbedder implements Embedder {

    public static final String KEY_PREFIX = "genai:embedding:";
    /** What {@code operations} hears. */
    public static final List<String> OPERATIONS = List.of("hit", "miss", "set", "error");

    private final Embedder delegate;
    private final RedisConnector redis;
    private final long ttlSeconds;
    private final Consumer<String> operations;

    public CachingEmbedder(Embedder delegate, RedisConnector redis, long ttlSeconds, Consumer<String> operations) {
        this.delegate = delegate;
        this.redis = redis;
        this.ttlSeconds = ttlSeconds;
        this.operations = operations;
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return cached("p:", texts, delegate::embedPassages);
    }

    @Override
    public float[] embedQuery(String query) {
        return cached("q:", List.of(query), missing -> List.of(delegate.embedQuery(missing.get(0)))).get(0);
    }

    /** Removes every cached embedding; returns how many. */
    public long flush() {
        return redis.binaryConnection().map(connection -> RedisKeys.deleteByPrefix(connection, KEY_PREFIX)).orElse(0L);
    }

    private List<float[]> cached(String kind, List<String> texts,
                                 java.util.function.Function<List<String>, List<float[]>> compute) {
        if (texts.isEmpty()) {
            return List.of();
        }
        String[] keys = texts.stream().map(text -> key(kind, text)).toArray(String[]::new);
        float[][] vectors = new float[texts.size()][];
        var connection = redis.binaryConnection();
        if (connection.isPresent()) {
            try {
                List<KeyValue<String, byte[]>> found = connection.get().sync().mget(keys);
                for (int i = 0; i < found.size(); i++) {
                    KeyValue<String, byte[]> value = found.get(i);
                    if (value.hasValue() && value.getValue().length == dimension() * Float.BYTES) {
                        vectors[i] = Vectors.fromBytes(value.getValue());
                    }
                }
            } catch (RuntimeException e) {
                operations.accept("error");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            operations.accept(vectors[i] == null ? "miss" : "hit");
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = compute.apply(missing.stream().map(texts::get).toList());
            for (int j = 0; j < missing.size(); j++) {
                vectors[missing.get(j)] = computed.get(j);
            }
            connection.ifPresent(redisConnection -> {
                try {
                    var async = redisConnection.async();
                    for (int j = 0; j < missing.size(); j++) {
                        async.setex(keys[missing.get(j)], ttlSeconds, Vectors.toBytes(computed.get(j)));
                    }
                    operations.accept("set");
                } catch (RuntimeException e) {
                    operations.accept("error");
                }
            });
        }
        return List.of(vectors);
    }

    private String key(String kind, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + delegate.model() + ":" + kind + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
