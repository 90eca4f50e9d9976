package com.genaiauto.rag.service;

import com.genaiauto.rag.model.DocumentedVehicle;
import com.genaiauto.rag.model.Retrieval;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;

/** What other modules may ask of the knowledge base: passages relevant to a question, with citations. */
public interface KnowledgeBase {

    /**
     * At most {@code k} passages, best first; empty when nothing is similar enough to the question
     * (an off-topic question gets no passages rather than noise).
     */
    List<SearchHit> retrieve(String query, SearchFilters filters, int k);

    /**
     * The same search for a query the caller has embedded already (with the knowledge base's own
     * embedder), with each passage's answer units.
     */
    Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k);

    /**
     * The same with a lower bar for what counts as on-topic: for a search already narrowed to one
     * vehicle's documents, where a short question may match its answer less closely.
     */
    Retrieval retrieve(float[] queryVector, String query, SearchFilters filters, int k, double minSimilarity);

    /** The makes and models documents are tied to: the vehicles the manuals know by name. */
    List<DocumentedVehicle> documentedVehicles();
}
