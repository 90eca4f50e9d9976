package com.genaiauto.rag.model;

import java.util.UUID;

/**
 * One retrieved chunk with where it comes from and how each retriever scored it: {@code score} is
 * the fused (Reciprocal Rank Fusion) score, {@code vectorScore} the cosine similarity to the query,
 * {@code textScore} the full-text rank (0 when the words did not match). Ranks are 1-based, null
 * when that retriever did not return the chunk. {@code make} and {@code model} are the document's
 * vehicle (null for a general document).
 */
public record SearchHit(UUID chunkId, UUID documentId, String title, DocumentType docType, String sourceName,
                        String section, String content, double score, double vectorScore, double textScore,
                        Integer vectorRank, Integer textRank, String make, String model) {

    /** A short label an answer can cite: the document title and, when it adds something, the section. */
    public String citation() {
        if (section == null || section.isBlank() || section.equals(title)) {
            return title;
        }
        String lastHeading = section.contains(" > ") ? section.substring(section.lastIndexOf(" > ") + 3) : section;
        return lastHeading.equals(title) ? title : title + " — " + lastHeading;
    }
}
