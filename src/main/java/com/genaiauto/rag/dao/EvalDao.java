package com.genaiauto.rag.dao;

import com.genaiauto.rag.model.EvalRun;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(EvalRun.class)
public interface EvalDao {

    /** Housekeeping: finished runs older than {@code days}, with their results (cascade). */
    @SqlUpdate("DELETE FROM retrieval_eval_runs WHERE created_at < now() - make_interval(days => :days) "
            + "AND status NOT IN ('queued', 'running')")
    int deleteFinishedOlderThan(@Bind("days") int days);

    String RUN_COLUMNS = "id, dataset, mode, top_k, status, question_count, completed_count, embedding_model, "
            + "hit_at_1, hit_at_k, mrr, precision_at_k, faithfulness, error_message, created_at, finished_at";

    @SqlUpdate("""
            INSERT INTO retrieval_eval_runs (id, dataset, mode, top_k, question_count, embedding_model, started_by)
            VALUES (:id, :dataset, :mode, :topK, :questionCount, :embeddingModel, :startedBy)""")
    void insertRun(@Bind("id") UUID id, @Bind("dataset") String dataset, @Bind("mode") String mode,
                   @Bind("topK") int topK, @Bind("questionCount") int questionCount,
                   @Bind("embeddingModel") String embeddingModel, @Bind("startedBy") UUID startedBy);

    @SqlUpdate("UPDATE retrieval_eval_runs SET status = 'running' WHERE id = :id AND status = 'queued'")
    int markRunning(@Bind("id") UUID id);

    @SqlUpdate("""
            INSERT INTO retrieval_eval_results (run_id, question_id, question, expected, retrieved, first_hit_rank,
                                                reciprocal_rank, precision_at_k, faithfulness)
            VALUES (:runId, :questionId, :question, CAST(:expected AS jsonb), CAST(:retrieved AS jsonb), :firstHitRank,
                    :reciprocalRank, :precisionAtK, :faithfulness)
            ON CONFLICT (run_id, question_id) DO NOTHING""")
    void insertResult(@Bind("runId") UUID runId, @Bind("questionId") String questionId,
                      @Bind("question") String question, @Bind("expected") String expectedJson,
                      @Bind("retrieved") String retrievedJson, @Bind("firstHitRank") Integer firstHitRank,
                      @Bind("reciprocalRank") double reciprocalRank, @Bind("precisionAtK") double precisionAtK,
                      @Bind("faithfulness") Double faithfulness);

    @SqlUpdate("UPDATE retrieval_eval_runs SET completed_count = completed_count + 1 WHERE id = :id")
    void countCompleted(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE retrieval_eval_runs SET status = 'succeeded', hit_at_1 = :hitAt1, hit_at_k = :hitAtK, mrr = :mrr,
                   precision_at_k = :precisionAtK, faithfulness = :faithfulness, finished_at = now()
            WHERE id = :id""")
    void finish(@Bind("id") UUID id, @Bind("hitAt1") double hitAt1, @Bind("hitAtK") double hitAtK,
                @Bind("mrr") double mrr, @Bind("precisionAtK") double precisionAtK,
                @Bind("faithfulness") Double faithfulness);

    @SqlUpdate("""
            UPDATE retrieval_eval_runs SET status = 'failed', error_message = :message, finished_at = now()
            WHERE id = :id""")
    void fail(@Bind("id") UUID id, @Bind("message") String message);

    /** Runs a previous process left queued or running can no longer finish: say so instead of pretending. */
    @SqlUpdate("""
            UPDATE retrieval_eval_runs SET status = 'interrupted', finished_at = now(),
                   error_message = 'the service stopped before the run finished'
            WHERE status IN ('queued', 'running')""")
    int markInterrupted();

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM retrieval_eval_runs WHERE id = :id")
    Optional<EvalRun> findRun(@Bind("id") UUID id);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM retrieval_eval_runs ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<EvalRun> listRuns(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM retrieval_eval_runs")
    long countRuns();

    @SqlQuery("""
            SELECT question_id, question, expected::text AS expected, retrieved::text AS retrieved, first_hit_rank,
                   reciprocal_rank, precision_at_k, faithfulness
            FROM retrieval_eval_results WHERE run_id = :runId ORDER BY question_id""")
    @RegisterConstructorMapper(ResultRow.class)
    List<ResultRow> results(@Bind("runId") UUID runId);

    /** A stored per-question result, with its JSON arrays as text. */
    record ResultRow(String questionId, String question, String expected, String retrieved, Integer firstHitRank,
                     double reciprocalRank, double precisionAtK, Double faithfulness) {
    }
}
