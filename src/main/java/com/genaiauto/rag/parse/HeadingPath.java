package com.genaiauto.rag.parse;

import java.util.ArrayList;
import java.util.List;

/** The headings above the current position while walking a document, by level. */
final class HeadingPath {

    private final List<String> titles = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();

    void enter(int level, String title) {
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
            levels.remove(levels.size() - 1);
            titles.remove(titles.size() - 1);
        }
        String clean = title.strip();
        if (!clean.isEmpty()) {
            levels.add(level);
            titles.add(clean);
        }
    }

    List<String> current() {
        return List.copyOf(titles);
    }
}
