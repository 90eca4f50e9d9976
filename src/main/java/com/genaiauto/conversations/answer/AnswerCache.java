package com.genaiauto.conversations.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisKeys;
import com.genaiauto.rag.embed.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Written answers, reused for another wording of the same question. The key is what the answer is
 * written from apart from the question: the instructions with the owner's vehicle, and the passage
 * of the line that answers best. Under a key, each answered question is kept with what tells
 * questions apart ({@link SameQuestion}); a new question gets the answer of the closest one that
 * asks the same thing, else the model writes and its answer joins them. Another model has other
 * instructions and another question on the same page points at other words of the lines, so
 * neither is served another's answer. Only first questions without personal data are cached, so
 * that no answer carries one conversation's history or one owner's data into another's.
 */
public final class AnswerCache {

    /** What {@code metrics} hears. */
    public static final List<String> OPERATIONS = List.of("hit", "miss", "store");
    private static final String PREFIX = "genai:answer:";
    // Versioned, so that a replica of the previous release never reads entries of another shape.
    private static final String KEYS = PREFIX + "v2:";
    // Wordings kept per passage and car: enough for the ways owners ask one thing, bounded per key.
    private static final int MAX_WORDINGS = 32;
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnector redis;
    private final Duration ttl;
    private final Consumer<String> metrics;

    /** {@code metrics} hears "hit", "miss" and "store"; a zero {@code ttl} turns the cache off. */
    public AnswerCache(RedisConnector redis, Duration ttl, Consumer<String> metrics) {
        this.redis = redis;
        this.ttl = ttl;
        this.metrics = metrics;
    }

    /** The passage the best answering line comes from, and the question as {@link SameQuestion} compares it. */
    public record Scope(String passage, SameQuestion.Question question) {
    }

    /** One answered question under a key, as stored. */
    record Entry(String answer, int citedSources, List<String> terms, List<String> figures, List<String> lineTerms,
                 String vector, List<String> sources) {

        static Entry of(String answer, int citedSources, SameQuestion.Question question) {
            return new Entry(answer, citedSources, List.copyOf(question.terms()), List.copyOf(question.figures()),
                    List.copyOf(question.lineTerms()), encode(question.vector()), question.sources());
        }

        SameQuestion.Question question() {
            return new SameQuestion.Question(Set.copyOf(terms), Set.copyOf(figures), Set.copyOf(lineTerms),
                    decode(vector), sources);
        }
    }

    /** The key of a model call, or empty when such a call must not be cached. */
    public Optional<String> keyFor(String systemPrompt, List<ChatMessage> history, boolean personalData, Scope scope) {
        if (redis == null || ttl.isZero() || !history.isEmpty() || personalData || scope == null
                || scope.question().terms().isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, systemPrompt);
            update(digest, scope.passage());
            return Optional.of(KEYS + HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The answer of the closest stored question that asks what this one asks. */
    public Optional<String> get(String key, Scope scope) {
        Optional<String> found = redis.connection().flatMap(connection -> {
            try {
                return closest(connection.sync().hgetall(key), scope.question());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        metrics.accept(found.isPresent() ? "hit" : "miss");
        return found;
    }

    private static Optional<String> closest(Map<String, String> stored, SameQuestion.Question asked) {
        record Candidate(Entry entry, SameQuestion.Question question) {
        }
        return stored.values().stream().map(AnswerCache::parse).flatMap(Optional::stream)
                .map(entry -> new Candidate(entry, entry.question()))
                .filter(candidate -> SameQuestion.reusable(candidate.question(), candidate.entry().citedSources(), asked))
                .max(Comparator.comparingDouble(candidate -> SameQuestion.similarity(candidate.question().vector(),
                        asked.vector())))
                .map(candidate -> candidate.entry().answer());
    }

    /** Keeps an answer for the scope's question, unless it cites a source the question does not have. */
    public void put(String key, Scope scope, String answer) {
        int cited = citedSources(answer);
        if (answer.isBlank() || cited > scope.question().sources().size()) {
            return;
        }
        String field = String.join(",", new TreeSet<>(scope.question().terms()));
        redis.connection().ifPresent(connection -> {
            try {
                if (connection.sync().hlen(key) >= MAX_WORDINGS) {
                    return;
                }
                connection.async().hset(key, field, JSON.writeValueAsString(Entry.of(answer, cited, scope.question())));
                connection.async().expire(key, ttl.toSeconds());
                metrics.accept("store");
            } catch (JsonProcessingException | RuntimeException ignored) {
                // A cache that cannot store only costs a model call next time.
            }
        });
    }

    /** The highest source number the answer cites: the sources a reuse must share. */
    static int citedSources(String answer) {
        int highest = 0;
        Matcher markers = MARKER.matcher(answer);
        while (markers.find()) {
            highest = Math.max(highest, Integer.parseInt(markers.group(1)));
        }
        return highest;
    }

    /** Drops every cached answer (the operator's cache-flush task); returns how many. */
    public long flush() {
        return redis.connection().map(connection -> RedisKeys.deleteByPrefix(connection, PREFIX)).orElse(0L);
    }

    private static Optional<Entry> parse(String value) {
        try {
            return Optional.of(JSON.readValue(value, Entry.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String encode(float[] vector) {
        return Base64.getEncoder().encodeToString(Vectors.toBytes(vector));
    }

    private static float[] decode(String encoded) {
        return Vectors.fromBytes(Base64.getDecoder().decode(encoded));
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
