package com.genaiauto.rag;

import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

/** Documents, ingestion and hybrid search. For now: the vector store's health. */
public final class RagModule {

    private final RagConfig config;
    private final Jdbi jdbi;

    public RagModule(RagConfig config, Jdbi jdbi) {
        this.config = config;
        this.jdbi = jdbi;
    }

    public void register(Environment environment) {
        environment.healthChecks().register("pgvector", new PgVectorHealthCheck(jdbi, config.embeddingDimension()));
    }
}
