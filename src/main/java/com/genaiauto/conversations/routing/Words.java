package com.genaiauto.conversations.routing;

import com.genaiauto.pii.PiiType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a message as features beside its embedding. A sentence embedding says what a message
 * is about far more than what it asks: "the brakes squeal after washing, is that normal?" lands
 * among brake faults, while the owner asks whether a behaviour is normal, which the manual answers.
 * A weight per word, learned from the same labelled examples as the rest of the model (no word list
 * is written by hand), gives such cues back their say. Every word of the examples has a slot, and
 * each of a message's n distinct words weighs 1/√n of {@link #WEIGHT} (a word no example has weighs
 * nothing but still counts in n), so a long message weighs no more than a short one.
 */
final class Words {

    /**
     * The length of a message's word features (all known) beside its unit-length embedding. On the
     * development prompts ({@code bench/intent-lab}, docs/benchmarks.md) 0.8 and 1 tie when
     * cross-validated; 0.8 routed two more of the demo's prompts right by the bundled examples
     * alone (97 of 100 against 95), and at 2 every figure fell: the words outvoted the embedding.
     */
    static final double WEIGHT = 0.8;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Integer> slots;

    private Words(Map<String, Integer> slots) {
        this.slots = slots;
    }

    /** A slot for every word of {@code texts}. */
    static Words of(List<String> texts) {
        Map<String, Integer> slots = new HashMap<>();
        texts.stream().flatMap(text -> tokens(text).stream()).distinct().sorted()
                .forEach(word -> slots.put(word, slots.size()));
        return new Words(Map.copyOf(slots));
    }

    int size() {
        return slots.size();
    }

    /** {@code embedding} followed by a slot per known word: {@link #WEIGHT}/√n for each of the message's n distinct words. */
    float[] append(float[] embedding, String text) {
        float[] features = Arrays.copyOf(embedding, embedding.length + slots.size());
        Set<String> words = tokens(text);
        float each = words.isEmpty() ? 0 : (float) (WEIGHT / Math.sqrt(words.size()));
        for (String word : words) {
            Integer slot = slots.get(word);
            if (slot != null) {
                features[embedding.length + slot] = each;
            }
        }
        return features;
    }

    /** The message's distinct words; a placeholder of masked personal data is none (no example has one). */
    static Set<String> tokens(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        String unmasked = PiiType.PLACEHOLDER.matcher(text).replaceAll(" ");
        for (String token : SEPARATORS.split(unmasked.toLowerCase(Locale.ROOT))) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
