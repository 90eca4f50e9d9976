package com.genaiauto.conversations.answer;

import com.genaiauto.conversations.model.Source;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.parse.Chunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The documents an answer cites, numbered as the answer's [n] markers number them: the documents
 * the answer quotes first, in the order it quotes them, then the other passages retrieved.
 */
public final class Citations {

    private static final int MAX_SOURCES = 4;

    private final Map<UUID, Integer> numbers = new LinkedHashMap<>();
    private final List<Source> sources = new ArrayList<>();

    public Citations(List<SearchHit> used, List<SearchHit> retrieved) {
        for (SearchHit hit : used) {
            add(hit);
        }
        for (SearchHit hit : retrieved) {
            if (sources.size() >= MAX_SOURCES) {
                break;
            }
            add(hit);
        }
    }

    private void add(SearchHit hit) {
        if (numbers.containsKey(hit.documentId())) {
            return;
        }
        numbers.put(hit.documentId(), sources.size() + 1);
        sources.add(new Source(hit.title(), Chunk.lastHeading(hit.section()), hit.sourceName(), hit.documentId(),
                Math.round(hit.vectorScore() * 1000) / 1000.0, Source.excerptOf(hit.content())));
    }

    /** The answer's marker for a document, "[n]". */
    public String marker(SearchHit hit) {
        Integer number = numbers.get(hit.documentId());
        return number == null ? "" : "[" + number + "]";
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }
}
