package com.genaiauto.conversations.answer;

import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchHit;

/**
 * What the manuals offer for one question before anything is written: the passages, the lines
 * that answer, how likely they are to answer it, and whether they come from another model's
 * documents than the owner's car. {@code vehicleQuestion} is set instead when the owner has
 * several cars, none is chosen, and their manuals answer differently: the owner is asked first.
 */
public record Grounding(String question, Retrieval retrieval, Selection selection, double confidence,
                        String otherModel, String vehicleQuestion) {

    public boolean answered() {
        return vehicleQuestion == null && !selection.isEmpty();
    }

    public boolean asksVehicle() {
        return vehicleQuestion != null;
    }

    public SearchHit lead() {
        return selection.lead();
    }
}
