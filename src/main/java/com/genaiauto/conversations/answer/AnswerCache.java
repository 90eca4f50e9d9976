package com.genaiauto.conversations.answer;

import com.genaiauto.llm.model.ChatMessage;
import com.genaiauto.platform.redis.RedisConnector;
import com.genaiauto.platform.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Written answers, reused for another wording of the same question. The key is what decides the
 * answer apart from the question's wording: the instructions with the owner's vehicles, the lines
 * the line ranker picked as answering and the passages they come from. A paraphrase that picks the
 * same lines for the same vehicle gets the same answer without a model call; another question on
 * the same page picks other lines, another model other passages and instructions, and misses. As
 * the same lines can answer different questions, a stored answer is reused only for a question
 * with the same content words (stemmed, without stop words): wordings, not paraphrases in other
 * words, which measured too close to near misses to tell apart safely (docs/benchmarks.md). An
 * answer citing other retrieved passages than its lines' is not kept: their numbers vary with
 * the wording. Only first questions without personal data are cached, so that
 * no answer carries one conversation's history or one owner's data into another's.
 */
public final class AnswerCache {

    /** What {@code metrics} hears. */
    public static final List<String> OPERATIONS = List.of("hit", "miss", "store");
    private static final String PREFIX = "genai:answer:";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

    private final RedisConnector redis;
    private final Duration ttl;
    private final Consumer<String> metrics;

    /** {@code metrics} hears "hit", "miss" and "store"; a zero {@code ttl} turns the cache off. */
    public AnswerCache(RedisConnector redis, Duration ttl, Consumer<String> metrics) {
        this.redis = redis;
        this.ttl = ttl;
        this.metrics = metrics;
    }

    /**
     * What identifies an answer apart from the question's wording: the picked lines with their
     * passages, and how many documents they come from (the answer's markers [1]..[n] for them are
     * numbered the same for every wording that picks them).
     */
    public record Scope(List<String> parts, int quotedDocuments, Set<String> questionTerms) {
        public Scope {
            parts = List.copyOf(parts);
            questionTerms = Set.copyOf(questionTerms);
        }

        /** The question's content words in order: which of the answers stored under a key it gets. */
        String signature() {
            return String.join(",", new TreeSet<>(questionTerms));
        }
    }

    /** The key of a model call, or empty when such a call must not be cached. */
    public Optional<String> keyFor(String systemPrompt, List<ChatMessage> history, boolean personalData, Scope scope) {
        if (redis == null || ttl.isZero() || !history.isEmpty() || personalData || scope == null
                || scope.questionTerms().isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, systemPrompt);
            for (String part : scope.parts()) {
                update(digest, part);
            }
            return Optional.of(PREFIX + HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * True when an answer may be reused: it cites only the documents its lines come from, whose
     * numbers do not depend on what else a paraphrase retrieves.
     */
    public static boolean reusable(String answer, Scope scope) {
        Matcher markers = MARKER.matcher(answer);
        while (markers.find()) {
            if (Integer.parseInt(markers.group(1)) > scope.quotedDocuments()) {
                return false;
            }
        }
        return !answer.isBlank();
    }

    /**
     * The answer stored under the key for a question with the same content words: the same lines
     * can answer different questions ("front" or "rear" of one table row, the "first" or the
     * "second" service), so only another wording of the same words (case, punctuation, greetings,
     * word forms, British or American spelling) is served from the cache.
     */
    public Optional<String> get(String key, Scope scope) {
        Optional<String> found = redis.connection().flatMap(connection -> {
            try {
                return Optional.ofNullable(connection.sync().hget(key, scope.signature()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        metrics.accept(found.isPresent() ? "hit" : "miss");
        return found;
    }

    public void put(String key, Scope scope, String answer) {
        redis.connection().ifPresent(connection -> {
            try {
                connection.async().hset(key, scope.signature(), answer);
                connection.async().expire(key, ttl.toSeconds());
                metrics.accept("store");
            } catch (RuntimeException ignored) {
                // A cache that cannot store only costs a model call next time.
            }
        });
    }

    /** Drops every cached answer (the operator's cache-flush task); returns how many. */
    public long flush() {
        return redis.connection().map(connection -> RedisKeys.deleteByPrefix(connection, PREFIX)).orElse(0L);
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
