package com.genaiauto.rag.resource;

import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.EvalQuestion;
import com.genaiauto.rag.model.SearchMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** JSON bodies of the knowledge-base endpoints. */
final class RagRequests {

    private RagRequests() {
    }

    /** A document sent as text rather than as a file. */
    record TextDocument(@NotBlank @Size(max = 300) String title, DocumentType type, @NotBlank String content,
                        String contentType, @Size(max = 300) String sourceName, @Size(max = 100) String make,
                        @Size(max = 100) String model, Integer yearFrom, Integer yearTo) {
    }

    record Filters(DocumentType type, String make, String model, Integer year) {
    }

    record Search(@NotBlank @Size(max = 2000) String query, Integer topK, @Valid Filters filters, SearchMode mode,
                  java.util.UUID vehicleId) {
    }

    /** An administrator's word on which vehicle a document is about; all null makes it general. */
    record DocumentVehicle(@Size(max = 100) String make, @Size(max = 100) String model, Integer yearFrom,
                           Integer yearTo) {
    }

    record StartEvaluation(String dataset, @Size(max = 2000) List<@Valid EvalQuestion> questions, SearchMode mode,
                           Integer topK) {
    }
}
