package com.genaiauto.rag.dao;

import com.genaiauto.rag.model.DocumentType;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import com.pgvector.PGvector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The hybrid retrieval query: nearest chunks by cosine distance (HNSW) and best chunks by
 * full-text rank, each limited to a candidate pool, fused with Reciprocal Rank Fusion in SQL. The
 * metadata filters sit inside both candidate queries, and pgvector's iterative index scan keeps
 * the vector side from running dry when a filter discards most neighbours. Handle-based because
 * the filter clauses vary.
 */
public final class HybridSearchDao {

    public static final double DEFAULT_MODEL_PREFERENCE = 0.001;
    // RRF's usual constant: damps the weight of the very top ranks so neither retriever dominates.
    private static final int RRF_K = 60;
    // Ranking reads every matching row; past this many matches a query's words are too common to
    // tell chunks apart anyway, and the vector side carries the search.
    static final int TEXT_SCAN_LIMIT = 1_000;
    // Up to this many admitted chunks, exact ranking beats a filtered HNSW scan.
    static final long EXACT_SEARCH_LIMIT = 20_000;

    private final Jdbi jdbi;
    private final int efSearch;
    private final double textWeight;
    private final Supplier<Set<String>> commonLexemes;
    private final String embeddingModel;
    private final double modelPreference;

    /**
     * {@code textWeight} scales the full-text retriever's share of the fused score (the vector
     * retriever's is 1): owners' wording, typos and synonyms make word matching the weaker signal.
     */
    /**
     * {@code embeddingModel}: only chunks embedded by the model that embeds the queries take part
     * in the vector side (vectors of two models are not comparable); during a switch of models the
     * others are still found by their words.
     */
    public HybridSearchDao(Jdbi jdbi, int efSearch, double textWeight, Supplier<Set<String>> commonLexemes,
                           String embeddingModel) {
        this(jdbi, efSearch, textWeight, commonLexemes, embeddingModel, DEFAULT_MODEL_PREFERENCE);
    }

    /**
     * {@code modelPreference} is added to the fused score of a document about the filtered model:
     * a fused score falls by about 0.0003 a rank near the top, so 0.001 lifts such a chunk about three ranks.
     */
    public HybridSearchDao(Jdbi jdbi, int efSearch, double textWeight, Supplier<Set<String>> commonLexemes,
                           String embeddingModel, double modelPreference) {
        this.modelPreference = modelPreference;
        this.jdbi = jdbi;
        this.efSearch = efSearch;
        this.textWeight = textWeight;
        this.commonLexemes = commonLexemes;
        this.embeddingModel = embeddingModel;
    }

    public List<SearchHit> search(float[] queryVector, String queryText, SearchFilters filters, SearchMode mode,
                                  int candidates, int limit) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, candidates));
            handle.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
            boolean exact = !filters.isEmpty() && matchingChunks(handle, filters) <= EXACT_SEARCH_LIMIT;
            return query(handle, queryVector, queryText, filters, mode, candidates, limit, exact);
        });
    }

    /**
     * How many chunks a filter admits, from the documents' chunk counts (a cheap query). A narrow
     * filter makes the HNSW scan walk far past the nearest neighbours to find enough that pass it;
     * ranking the few admitted chunks exactly is both faster and exact.
     */
    private static long matchingChunks(Handle handle, SearchFilters filters) {
        Query count = handle.createQuery("SELECT coalesce(sum(d.chunk_count), 0) FROM documents d WHERE d.status = 'ready'"
                + filterClause(filters));
        bindFilters(count, filters);
        return count.mapTo(Long.class).one();
    }

    private List<SearchHit> query(Handle handle, float[] queryVector, String queryText, SearchFilters filters,
                                  SearchMode mode, int candidates, int limit, boolean exact) {
        String where = filterClause(filters);
        boolean useVector = mode != SearchMode.TEXT;
        boolean useText = mode != SearchMode.VECTOR;
        String sql = """
                WITH q AS (
                    SELECT (SELECT CAST(string_agg(quote_literal(lexeme), ' | ') AS tsquery)
                              FROM unnest(tsvector_to_array(to_tsvector('english', :text))) AS lexeme
                              WHERE lexeme <> ALL(CAST(:common AS text[]))) AS words
                ),
                vector_pool AS MATERIALIZED (
                    SELECT c.id, c.embedding <=> CAST(:vector AS vector) AS distance
                    FROM document_chunks c JOIN documents d ON d.id = c.document_id
                    WHERE %s AND d.status = 'ready' AND c.embedding_model = :embeddingModel %s
                    ORDER BY (c.embedding <=> CAST(:vector AS vector))%s
                    LIMIT :candidates
                ),
                vector_ranked AS (
                    SELECT id, CAST(row_number() OVER (ORDER BY distance) AS integer) AS rank FROM vector_pool
                ),
                text_matches AS MATERIALIZED (
                    SELECT c.id, c.search_vector
                    FROM document_chunks c JOIN documents d ON d.id = c.document_id, q
                    WHERE %s AND q.words IS NOT NULL AND c.search_vector @@ q.words AND d.status = 'ready' %s
                    LIMIT :textScanLimit
                ),
                text_pool AS MATERIALIZED (
                    SELECT m.id, ts_rank_cd(m.search_vector, q.words, 1) AS text_rank
                    FROM text_matches m, q
                    ORDER BY text_rank DESC, m.id
                    LIMIT :candidates
                ),
                text_ranked AS (
                    SELECT id, text_rank, CAST(row_number() OVER (ORDER BY text_rank DESC, id) AS integer) AS rank FROM text_pool
                ),
                fused AS (
                    SELECT coalesce(v.id, t.id) AS id, v.rank AS vector_rank, t.rank AS text_rank,
                           coalesce(t.text_rank, 0) AS text_score,
                           coalesce(1.0 / (%d + v.rank), 0) + coalesce(:textWeight / (%d + t.rank), 0) AS score
                    FROM vector_ranked v FULL JOIN text_ranked t ON t.id = v.id
                )
                SELECT f.id AS chunk_id, d.id AS document_id, d.title, d.doc_type, d.source_name, d.make, d.model,
                       c.section, c.content,
                       f.score + %s AS score, 1 - (c.embedding <=> CAST(:vector AS vector)) AS vector_score, f.text_score,
                       f.vector_rank, f.text_rank
                FROM fused f JOIN document_chunks c ON c.id = f.id JOIN documents d ON d.id = c.document_id
                ORDER BY score DESC, vector_score DESC
                LIMIT :limit""".formatted(useVector ? "true" : "false", where,
                // "+ 0" keeps the planner off the HNSW index: filter first, then rank exactly.
                exact ? " + 0" : "", useText ? "true" : "false", where,
                RRF_K, RRF_K,
                // A document about the owner's very model ranks a little above a general one of equal relevance.
                filters.model() == null ? "0" : "CASE WHEN lower(d.model) = lower(:filterModel) THEN :modelPreference ELSE 0 END");
        Query query = handle.createQuery(sql)
                .bind("vector", new PGvector(queryVector))
                .bind("text", queryText)
                .bind("candidates", candidates)
                .bind("limit", limit)
                .bind("common", commonLexemes.get().toArray(String[]::new))
                .bind("embeddingModel", embeddingModel)
                .bind("textScanLimit", TEXT_SCAN_LIMIT)
                .bind("textWeight", mode == SearchMode.TEXT ? 1.0 : textWeight)
                .bind("modelPreference", modelPreference);
        bindFilters(query, filters);
        return query.map((rs, ctx) -> new SearchHit(
                rs.getObject("chunk_id", UUID.class), rs.getObject("document_id", UUID.class), rs.getString("title"),
                DocumentType.fromWire(rs.getString("doc_type")), rs.getString("source_name"), rs.getString("section"),
                rs.getString("content"), rs.getDouble("score"), rs.getDouble("vector_score"), rs.getDouble("text_score"),
                (Integer) rs.getObject("vector_rank", Integer.class), (Integer) rs.getObject("text_rank", Integer.class),
                rs.getString("make"), rs.getString("model")))
                .list();
    }

    /** The chunk ids of the exact nearest neighbours (sequential scan): ground truth for recall. */
    public List<UUID> exactNeighbours(float[] queryVector, SearchFilters filters, int limit) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET LOCAL enable_indexscan = off");
            handle.execute("SET LOCAL enable_bitmapscan = off");
            Query query = handle.createQuery("""
                    SELECT c.id FROM document_chunks c JOIN documents d ON d.id = c.document_id
                    WHERE d.status = 'ready' AND c.embedding_model = :embeddingModel %s
                    ORDER BY c.embedding <=> CAST(:vector AS vector) LIMIT :limit""".formatted(filterClause(filters)))
                    .bind("vector", new PGvector(queryVector)).bind("limit", limit).bind("embeddingModel", embeddingModel);
            bindFilters(query, filters);
            return query.mapTo(UUID.class).list();
        });
    }

    private static String filterClause(SearchFilters filters) {
        List<String> clauses = new ArrayList<>();
        if (filters.type() != null) {
            clauses.add("d.doc_type = :filterType");
        }
        if (filters.make() != null) {
            clauses.add("(d.make IS NULL OR lower(d.make) = lower(:filterMake))");
        }
        if (filters.model() != null) {
            clauses.add("(d.model IS NULL OR lower(d.model) = lower(:filterModel))");
        }
        if (filters.year() != null) {
            clauses.add("(d.year_from IS NULL OR d.year_from <= :filterYear)");
            clauses.add("(d.year_to IS NULL OR d.year_to >= :filterYear)");
        }
        return clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses);
    }

    private static void bindFilters(Query query, SearchFilters filters) {
        if (filters.type() != null) {
            query.bind("filterType", filters.type().wire());
        }
        if (filters.make() != null) {
            query.bind("filterMake", filters.make());
        }
        if (filters.model() != null) {
            query.bind("filterModel", filters.model());
        }
        if (filters.year() != null) {
            query.bind("filterYear", filters.year());
        }
    }
}
