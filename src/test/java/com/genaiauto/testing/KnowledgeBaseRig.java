package com.genaiauto.testing;

import com.codahale.metrics.MetricRegistry;
import com.genaiauto.customers.service.CustomerProfiles;
import com.genaiauto.customers.service.VehicleService;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.db.DatabaseModule;
import com.genaiauto.platform.db.Migrations;
import com.genaiauto.rag.RagModule;
import com.genaiauto.rag.dao.HybridSearchDao;
import com.genaiauto.rag.embed.Embedder;
import com.genaiauto.rag.embed.InProcessBgeEmbedder;
import com.genaiauto.rag.parse.Chunker;
import com.genaiauto.rag.service.CommonLexemes;
import com.genaiauto.rag.ingest.IngestionJobs;
import com.genaiauto.rag.service.DocumentIngestion;
import com.genaiauto.rag.service.HybridSearch;
import com.genaiauto.rag.service.KnowledgeBaseSeeder;
import com.genaiauto.rag.service.RetrievalEvaluation;
import com.genaiauto.rag.tagging.DocumentTagger;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The knowledge base's services wired by hand over a fresh migrated database, without the HTTP
 * layer: for benchmarks and service-level tests that need the real model and real pgvector.
 */
public final class KnowledgeBaseRig implements AutoCloseable {

    public final TestDatabase database = TestDatabase.create();
    public final Jdbi jdbi;
    public final Embedder embedder;
    public final HybridSearchDao searchDao;
    public final HybridSearch search;
    /** Ingestion jobs run on the caller's thread ({@code ingest}); no background worker is started. */
    public final IngestionJobs ingestion;
    public final KnowledgeBaseSeeder seeder;
    public final RetrievalEvaluation evaluation;
    public final MetricRegistry metrics = new MetricRegistry();
    public final CommonLexemes commonLexemes;
    public final VehicleService vehicles;
    public final DocumentTagger tagger;
    private final org.apache.tomcat.jdbc.pool.DataSource pool;

    public KnowledgeBaseRig(Embedder embedder, double minSimilarity, double textWeight) {
        this(embedder, minSimilarity, textWeight, null);
    }

    /** {@code fleet}: the vehicle models inference knows; null for the customers module's own, from the database. */
    public KnowledgeBaseRig(Embedder embedder, double minSimilarity, double textWeight,
                            com.genaiauto.customers.service.VehicleModels fleet) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(TestDatabase.USER);
        dataSource.setPassword(TestDatabase.PASSWORD);
        new Migrations(dataSource, Map.of("embedding_dimension", Integer.toString(embedder.dimension()))).migrate();
        // Pooled, as in the service: a new connection per query would dominate every timing.
        org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
        pool.setDataSource(dataSource);
        pool.setMaxActive(8);
        pool.setInitialSize(2);
        pool.setMaxIdle(8);
        pool.setMinIdle(2);
        this.pool = pool;
        this.jdbi = DatabaseModule.configure(Jdbi.create(pool));
        RagModule.configureJdbi(jdbi);
        this.embedder = embedder;
        AuditLog audit = new AuditLog(jdbi);
        this.commonLexemes = new CommonLexemes(jdbi);
        this.searchDao = new HybridSearchDao(jdbi, 100, textWeight, commonLexemes, embedder.model(),
                Double.parseDouble(System.getProperty("bench.modelPreference", "" + HybridSearchDao.DEFAULT_MODEL_PREFERENCE)));
        this.search = new HybridSearch(embedder, searchDao, jdbi, 40, minSimilarity, metrics);
        this.vehicles = new VehicleService(jdbi, new CustomerProfiles(jdbi));
        this.tagger = new DocumentTagger(jdbi, fleet == null ? vehicles : fleet, audit);
        this.ingestion = new IngestionJobs(jdbi, new DocumentIngestion(jdbi, embedder, new Chunker(320, 40), 10 << 20,
                100_000, audit, tagger, commonLexemes::markStale),
                new IngestionJobs.Settings(1, Duration.ofMinutes(1), Duration.ofSeconds(2), 3), metrics);
        this.seeder = new KnowledgeBaseSeeder(ingestion);
        this.evaluation = new RetrievalEvaluation(jdbi, search, embedder.model(), audit, null);
    }

    public static KnowledgeBaseRig withLocalModel(double minSimilarity, double textWeight) {
        return new KnowledgeBaseRig(new InProcessBgeEmbedder(Runtime.getRuntime().availableProcessors()), minSimilarity,
                textWeight);
    }

    @Override
    public void close() {
        if (embedder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Nothing to recover while tearing down.
            }
        }
        pool.close(true);
        if (Boolean.getBoolean("bench.keepDatabase")) {
            System.err.println("kept database " + database.name());
            return;
        }
        database.drop();
    }
}
