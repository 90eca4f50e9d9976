package com.genaiauto.rag.service;

import com.genaiauto.llm.gateway.KnowledgeSource;
import com.genaiauto.llm.model.ContextPassage;
import com.genaiauto.llm.model.LlmException;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.EmbeddingException;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import java.util.List;

/**
 * The knowledge base as the model gateway sees it: the service's embedder behind
 * {@code /v1/embeddings}, and passages with their citations for the extractive model. An API
 * client names no vehicle, so the search runs over every document.
 */
public final class GatewayKnowledge implements KnowledgeSource {

    private final KnowledgeBase knowledgeBase;
    private final Embedder embedder;

    public GatewayKnowledge(KnowledgeBase knowledgeBase, Embedder embedder) {
        this.knowledgeBase = knowledgeBase;
        this.embedder = embedder;
    }

    @Override
    public String embeddingModel() {
        return embedder.model();
    }

    @Override
    public int embeddingDimension() {
        return embedder.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        try {
            return embedder.embedPassages(texts);
        } catch (EmbeddingException unavailable) {
            throw new LlmException(LlmException.Kind.UNAVAILABLE, "the embedding model is unavailable", null, 0,
                    unavailable);
        }
    }

    @Override
    public List<ContextPassage> passages(String question, int limit) {
        try {
            return knowledgeBase.retrieve(question, SearchFilters.NONE, limit).stream()
                    .map(GatewayKnowledge::passage).toList();
        } catch (EmbeddingException unavailable) {
            throw new LlmException(LlmException.Kind.UNAVAILABLE, "the knowledge base cannot search now", null, 0,
                    unavailable);
        }
    }

    private static ContextPassage passage(SearchHit hit) {
        return new ContextPassage(hit.citation(), hit.sourceName(), hit.content());
    }
}
