package com.genaiauto.llm.gateway;

import com.genaiauto.llm.model.ContextPassage;
import java.util.List;

/**
 * What the gateway borrows from the knowledge base, which is built after the router: the
 * service's embedder for {@code /v1/embeddings}, and passages for the {@code extractive} model,
 * which answers API clients from the manuals when no language model is configured. Failures are
 * thrown as {@link com.genaiauto.llm.model.LlmException}s of kind {@code UNAVAILABLE}.
 */
public interface KnowledgeSource {

    /** The embedding model's name as clients pass it in {@code model}. */
    String embeddingModel();

    int embeddingDimension();

    /** One L2-normalised vector per text, in input order. */
    List<float[]> embed(List<String> texts);

    /** At most {@code limit} passages relevant to the question, best first; empty when none is. */
    List<ContextPassage> passages(String question, int limit);
}
