package com.genaiauto.conversations.answer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * The content words of a text, stemmed (Snowball English, so "tires", "tire" and "tired" meet at
 * one stem where they should), without English stop words: what an owner's question and a manual
 * sentence are compared by, besides their embeddings.
 */
public final class Terms {

    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    // Beside Lucene's list: words every question and every manual sentence are full of.
    private static final Set<String> EXTRA_STOP = Set.of("i", "my", "me", "you", "your", "what", "how", "do", "does",
            "can", "should", "which", "when", "where", "why", "would", "could", "am", "im", "is", "are", "we", "our",
            "car", "vehicle", "please", "need", "want", "know", "tell", "get", "got", "s", "t", "ok");

    // British and American spellings of the same word meet before stemming ("tyre" and "tire").
    private static final java.util.Map<String, String> SPELLINGS = java.util.Map.ofEntries(
            java.util.Map.entry("tyre", "tire"), java.util.Map.entry("tyres", "tires"),
            java.util.Map.entry("litre", "liter"), java.util.Map.entry("litres", "liters"),
            java.util.Map.entry("metre", "meter"), java.util.Map.entry("metres", "meters"),
            java.util.Map.entry("colour", "color"), java.util.Map.entry("colours", "colors"),
            java.util.Map.entry("centre", "center"), java.util.Map.entry("aluminium", "aluminum"),
            java.util.Map.entry("grey", "gray"), java.util.Map.entry("kerb", "curb"), java.util.Map.entry("licence", "license"),
            java.util.Map.entry("programme", "program"), java.util.Map.entry("odour", "odor"),
            java.util.Map.entry("vapour", "vapor"), java.util.Map.entry("defence", "defense"));

    private Terms() {
    }

    public static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        EnglishStemmer stemmer = new EnglishStemmer();
        for (String word : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
            if (word.isEmpty() || EXTRA_STOP.contains(word) || EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
                continue;
            }
            stemmer.setCurrent(SPELLINGS.getOrDefault(word, word));
            stemmer.stem();
            terms.add(stemmer.getCurrent());
        }
        return terms;
    }

    /** The words of a text in order, lower case, for short phrase checks. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
