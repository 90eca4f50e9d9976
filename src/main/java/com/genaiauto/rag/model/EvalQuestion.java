package com.genaiauto.rag.model;

import com.genaiauto.platform.errors.UnprocessableException;
import java.util.List;

/** One evaluation question and the source names of the document(s) that answer it. */
public record EvalQuestion(String id, String question, List<String> expected) {

    public EvalQuestion {
        if (id == null || id.isBlank() || question == null || question.isBlank()) {
            throw new UnprocessableException("every question needs an id and a question");
        }
        if (expected == null || expected.isEmpty()) {
            throw new UnprocessableException("question " + id + " names no expected document");
        }
        expected = List.copyOf(expected);
    }
}
