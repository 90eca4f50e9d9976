package com.genaiauto.conversations.answer;

import com.genaiauto.rag.model.AnswerUnit;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;

/**
 * The manual lines chosen to answer a question, in reading order, each with the passage it comes
 * from, and the evidence of how well they answer it.
 */
public record Selection(List<Picked> picked, Evidence evidence) {

    /** One chosen line and the retrieved passage it belongs to. */
    public record Picked(SearchHit hit, AnswerUnit unit, double score) {
    }

    /**
     * How well the selection answers: the best passage's and the best line's similarity to the
     * question, how probable the line ranker finds it that the best line answers, the share of the question's words the chosen lines cover, how far the best line is
     * ahead of the best line of any other document, whether a figure was asked for and found.
     */
    public record Evidence(double passageSimilarity, double lineSimilarity, double lineProbability, double coverage,
                           double margin, boolean figureMissing, boolean quantityStated, boolean ownVehicleNamed) {
        public static final Evidence NONE = new Evidence(0, 0, 0, 0, 0, true, false, false);
    }

    public boolean isEmpty() {
        return picked.isEmpty();
    }

    public SearchHit lead() {
        return picked.get(0).hit();
    }
}
