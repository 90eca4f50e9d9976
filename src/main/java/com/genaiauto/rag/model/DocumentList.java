package com.genaiauto.rag.model;

import java.util.List;

/** A page of documents with the knowledge base's statistics. */
public record DocumentList(List<KnowledgeDocument> items, long total, int limit, int offset, KnowledgeBaseStats stats) {

    public DocumentList {
        items = List.copyOf(items);
    }
}
