package com.genaiauto.rag;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.llm.gateway.KnowledgeSource;
import com.genaiauto.llm.router.LlmRouter;
import com.genaiauto.platform.PlatformModule;
import com.genaiauto.platform.housekeeping.Retained;
import com.genaiauto.rag.dao.EvalDao;
import com.genaiauto.platform.metrics.KnownSeries;
import com.genaiauto.rag.dao.HybridSearchDao;
import com.genaiauto.rag.embed.CachingEmbedder;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import com.genaiauto.rag.embed.RemoteEmbedder;
import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.VehicleOrigin;
import com.genaiauto.rag.tagging.DocumentTagger;
import com.genaiauto.customers.service.CustomerTools;
import com.genaiauto.customers.service.VehicleModels;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.resource.DocumentResource;
import com.genaiauto.rag.ingest.IngestionJobs;
import com.genaiauto.rag.resource.EvaluationResource;
import com.genaiauto.rag.resource.IngestionJobResource;
import com.genaiauto.rag.resource.SearchResource;
import com.genaiauto.rag.service.GatewayKnowledge;
import com.genaiauto.rag.service.CommonLexemes;
import com.genaiauto.rag.service.DocumentCatalog;
import com.genaiauto.rag.service.DocumentIngestion;
import com.genaiauto.rag.service.FaithfulnessJudge;
import com.genaiauto.rag.service.HybridSearch;
import com.genaiauto.rag.service.KnowledgeBase;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.rag.service.Reindexer;
import com.genaiauto.rag.service.TracedKnowledgeBase;
import com.genaiauto.rag.service.RetrievalEvaluation;
import com.genaiauto.rag.task.RagTasks;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.jdbi.v3.core.Jdbi;

/**
 * Documents, ingestion, hybrid search, seeding, re-embedding and retrieval evaluation. Other
 * modules use {@link #knowledgeBase()} and {@link #embedder()}.
 */
public final class RagModule {

    private final RagConfig config;
    private final PlatformModule platform;
    private final Embedder rawEmbedder;
    private final CachingEmbedder embedder;
    private final DocumentIngestion ingestion;
    private final IngestionJobs jobs;
    private final DocumentCatalog catalog;
    private final HybridSearch search;
    private final KnowledgeBase knowledgeBase;
    private final CommonLexemes commonLexemes;
    private final KnowledgeBaseSeeder seeder;
    private final Reindexer reindexer;
    private final RetrievalEvaluation evaluation;

    private final DocumentTagger tagger;
    private final CustomerTools customers;

    public RagModule(RagConfig config, PlatformModule platform, LlmRouter router, VehicleModels fleet,
                     CustomerTools customers, MetricRegistry metrics) {
        this.config = config;
        this.platform = platform;
        Jdbi jdbi = platform.jdbi();
        configureJdbi(jdbi);
        requireColumnDimension(jdbi, config.embeddingDimension());
        this.rawEmbedder = createEmbedder(config);
        this.embedder = new CachingEmbedder(rawEmbedder, platform.redis(), config.embeddingCacheTtlSeconds(),
                operation -> metrics.counter(MetricRegistry.name("cache.operations", operation, "embedding")).inc());
        KnownSeries.counters(metrics, "cache.operations", List.of(CachingEmbedder.OPERATIONS, List.of("embedding")));
        Chunker chunker = new Chunker(config.chunkMaxTokens(), config.chunkOverlapTokens());
        this.commonLexemes = new CommonLexemes(jdbi);
        this.customers = customers;
        this.tagger = new DocumentTagger(jdbi, fleet, platform.audit());
        this.ingestion = new DocumentIngestion(jdbi, embedder, chunker, config.maxUploadBytes(),
                config.maxChunksPerDocument(), platform.audit(), tagger, commonLexemes::markStale);
        this.jobs = new IngestionJobs(jdbi, ingestion, config.ingestionJobs(), metrics);
        this.catalog = new DocumentCatalog(jdbi, embedder.model());
        this.search = new HybridSearch(embedder, new HybridSearchDao(jdbi, config.efSearch(), config.textWeight(),
                commonLexemes, embedder.model()), jdbi, config.candidatePool(),
                config.minSimilarity(), metrics);
        this.knowledgeBase = new TracedKnowledgeBase(search, platform.tracer());
        this.seeder = new KnowledgeBaseSeeder(jobs);
        this.reindexer = new Reindexer(jdbi, embedder, metrics);
        this.evaluation = new RetrievalEvaluation(jdbi, search, embedder.model(), platform.audit(),
                new FaithfulnessJudge(router));
    }

    /** Teaches JDBI this module's column types (document types are stored by their wire names). */
    public static void configureJdbi(Jdbi jdbi) {
        jdbi.registerColumnMapper(DocumentType.class, (rs, column, ctx) -> DocumentType.fromWire(rs.getString(column)));
        jdbi.registerColumnMapper(VehicleOrigin.class, (rs, column, ctx) -> VehicleOrigin.fromWire(rs.getString(column)));
    }

    /**
     * A configured dimension that differs from the column's would fail every insert and search
     * later with an obscure SQL error; refuse to start with a clear one instead.
     */
    static void requireColumnDimension(Jdbi jdbi, int configured) {
        Optional<Integer> column = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT a.atttypmod FROM pg_attribute a
                        WHERE a.attrelid = to_regclass('document_chunks') AND a.attname = 'embedding'""")
                .mapTo(Integer.class).findOne());
        if (column.isPresent() && column.get() > 0 && column.get() != configured) {
            throw new IllegalStateException("EMBEDDING_DIMENSION is " + configured
                    + " but document_chunks.embedding holds vectors of " + column.get() + " dimensions. "
                    + "Use an embedding model with " + column.get() + " dimensions, or migrate a new database "
                    + "with EMBEDDING_DIMENSION=" + configured + ".");
        }
    }

    private static Embedder createEmbedder(RagConfig config) {
        if (config.embeddingBaseUrl().isBlank()) {
            return new InProcessBgeEmbedder(config.embeddingThreads());
        }
        return new RemoteEmbedder(config.embeddingBaseUrl(), config.embeddingApiKey(), config.embeddingModel(),
                config.embeddingDimension(), config.embeddingBatchSize(), config.embeddingQueryPrefix(),
                config.embeddingPassagePrefix(), config.embeddingTimeout());
    }

    public void register(Environment environment) {
        environment.healthChecks().register("pgvector",
                new PgVectorHealthCheck(platform.jdbi(), config.embeddingDimension()));
        environment.jersey().register(MultiPartFeature.class);
        environment.jersey().register(new DocumentResource(jobs, ingestion, catalog, tagger, config.maxUploadBytes()));
        environment.jersey().register(new IngestionJobResource(jobs, environment.getObjectMapper()));
        // The file plus the multipart framing and form fields around it.
        platform.bodyLimits().raise("/api/v1/documents", config.maxUploadBytes() + 64 * 1024);
        environment.jersey().register(new SearchResource(search, customers));
        environment.jersey().register(new EvaluationResource(evaluation));
        RagTasks.all(seeder, reindexer, tagger, platform.audit()).forEach(platform.tasks()::add);
        EvalDao evaluations = platform.jdbi().onDemand(EvalDao.class);
        platform.housekeeping().register(Retained.EVALUATION_RUNS, evaluations::deleteFinishedOlderThan);
        platform.housekeeping().register(Retained.INGESTION_JOBS, jobs::deleteFinishedOlderThan);
        platform.caches().register("embedding", embedder::flush);
        environment.lifecycle().manage(reindexer);
        environment.lifecycle().manage(commonLexemes);
        environment.lifecycle().manage(evaluation);
        if (rawEmbedder instanceof InProcessBgeEmbedder local) {
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    local.close();
                }
            });
        }
        // After the model: stopped before it, so that running jobs go back to the queue first.
        jobs.lifecycle().forEach(environment.lifecycle()::manage);
    }

    /** The search the assistant uses; each retrieval is a span of the request's trace. */
    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** What the model gateway serves from here: embeddings, and passages for its extractive model. */
    public KnowledgeSource gatewayKnowledge() {
        return new GatewayKnowledge(search, embedder);
    }

    public KnowledgeBaseSeeder seeder() {
        return seeder;
    }
}
