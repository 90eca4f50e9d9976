package com.genaiauto.rag.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.genaiauto.platform.audit.AuditEvent;
import com.genaiauto.platform.audit.AuditLog;
import com.genaiauto.platform.errors.ResourceNotFoundException;
import com.genaiauto.platform.errors.UnprocessableException;
import com.genaiauto.platform.paging.Page;
import com.genaiauto.platform.paging.PageRequest;
import com.genaiauto.rag.dao.EvalDao;
import com.genaiauto.rag.model.EvalQuestion;
import com.genaiauto.rag.model.EvalResult;
import com.genaiauto.rag.model.EvalRun;
import com.genaiauto.rag.model.SearchFilters;
import com.genaiauto.rag.model.SearchHit;
import com.genaiauto.rag.model.SearchMode;
import io.dropwizard.lifecycle.Managed;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieval evaluation as an operator feature: runs the bundled question set (or an uploaded one)
 * through search in the background, one run at a time, and keeps every run and per-question
 * result in PostgreSQL so that runs can be listed and compared across restarts and model changes.
 */
public final class RetrievalEvaluation implements Managed {

    public static final String BUILTIN = "builtin";
    public static final int MAX_QUESTIONS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(RetrievalEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final HybridSearch search;
    private final String embeddingModel;
    private final AuditLog audit;
    private final FaithfulnessJudge judge;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retrieval-eval");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code judge} may be null: no answer faithfulness then, only retrieval figures. */
    public RetrievalEvaluation(Jdbi jdbi, HybridSearch search, String embeddingModel, AuditLog audit,
                               FaithfulnessJudge judge) {
        this.jdbi = jdbi;
        this.search = search;
        this.embeddingModel = embeddingModel;
        this.audit = audit;
        this.judge = judge;
    }

    public static List<EvalQuestion> builtinQuestions() {
        try {
            return JSON.readValue(KnowledgeBaseSeeder.read(KnowledgeBaseSeeder.DIRECTORY + "eval/questions.json"),
                    new TypeReference<List<EvalQuestion>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the bundled evaluation set is not valid JSON", e);
        }
    }

    @Override
    public void start() {
        int interrupted = jdbi.onDemand(EvalDao.class).markInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} retrieval evaluation run(s) were interrupted by the last shutdown", interrupted);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Queues a run; {@code questions} null means the bundled set. */
    public EvalRun startRun(List<EvalQuestion> questions, String datasetName, SearchMode mode, int topK, UUID actor) {
        List<EvalQuestion> set = questions == null ? builtinQuestions() : List.copyOf(questions);
        if (set.isEmpty() || set.size() > MAX_QUESTIONS) {
            throw new UnprocessableException("an evaluation needs between 1 and " + MAX_QUESTIONS + " questions");
        }
        if (set.stream().map(EvalQuestion::id).distinct().count() != set.size()) {
            throw new UnprocessableException("question ids must be unique");
        }
        if (topK < 1 || topK > HybridSearch.MAX_TOP_K) {
            throw new UnprocessableException("topK must be between 1 and " + HybridSearch.MAX_TOP_K);
        }
        String dataset = questions == null ? BUILTIN
                : (datasetName == null || datasetName.isBlank() ? "uploaded" : datasetName.strip());
        UUID id = UUID.randomUUID();
        EvalDao dao = jdbi.onDemand(EvalDao.class);
        dao.insertRun(id, dataset, mode.wire(), topK, set.size(), embeddingModel, actor);
        audit.record(AuditEvent.of("rag.evaluation_started").by(actor).on("evaluation", id)
                .with(Map.of("dataset", dataset, "questions", set.size(), "mode", mode.wire())));
        worker.execute(() -> run(id, set, mode, topK));
        return dao.findRun(id).orElseThrow();
    }

    private void run(UUID id, List<EvalQuestion> questions, SearchMode mode, int topK) {
        EvalDao dao = jdbi.onDemand(EvalDao.class);
        try {
            dao.markRunning(id);
            List<EvalResult> results = new ArrayList<>();
            for (EvalQuestion question : questions) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                EvalResult result = evaluate(question, mode, topK, judge != null && judge.available());
                results.add(result);
                dao.insertResult(id, question.id(), question.question(), JSON.writeValueAsString(question.expected()),
                        JSON.writeValueAsString(result.retrieved()), result.firstHitRank(), result.reciprocalRank(),
                        result.precisionAtK(), result.faithfulness());
                dao.countCompleted(id);
            }
            RetrievalMetrics.Summary summary = RetrievalMetrics.summarise(results, topK);
            OptionalDouble faithfulness = results.stream().filter(r -> r.faithfulness() != null)
                    .mapToDouble(EvalResult::faithfulness).average();
            dao.finish(id, summary.hitAt1(), summary.hitAtK(), summary.mrr(), summary.precisionAtK(),
                    faithfulness.isPresent() ? faithfulness.getAsDouble() : null);
            LOG.info("Retrieval evaluation {}: hit@1 {}, hit@{} {}, MRR {}", id, summary.hitAt1(), topK,
                    summary.hitAtK(), summary.mrr());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("Retrieval evaluation {} failed", id, e);
            dao.fail(id, e.getClass().getSimpleName());
        }
    }

    /** One question through search; used by runs and by the benchmark. */
    public EvalResult evaluate(EvalQuestion question, SearchMode mode, int topK) {
        return evaluate(question, mode, topK, false);
    }

    private EvalResult evaluate(EvalQuestion question, SearchMode mode, int topK, boolean judgeAnswer) {
        List<SearchHit> hits = search.search(question.question(), SearchFilters.NONE, mode, topK).results();
        EvalResult result = RetrievalMetrics.score(question, hits.stream().map(SearchHit::sourceName).toList(), topK);
        if (!judgeAnswer) {
            return result;
        }
        OptionalDouble faithfulness = judge.judge(question.question(), hits);
        return faithfulness.isEmpty() ? result : new EvalResult(result.questionId(), result.question(), result.expected(),
                result.retrieved(), result.firstHitRank(), result.reciprocalRank(), result.precisionAtK(),
                faithfulness.getAsDouble());
    }

    public Page<EvalRun> list(PageRequest page) {
        EvalDao dao = jdbi.onDemand(EvalDao.class);
        return Page.of(dao.listRuns(page.limit(), page.offset()), dao.countRuns(), page);
    }

    public RunDetail get(UUID id) {
        EvalDao dao = jdbi.onDemand(EvalDao.class);
        EvalRun run = dao.findRun(id).orElseThrow(() -> new ResourceNotFoundException("evaluation run not found"));
        List<EvalResult> results = dao.results(id).stream().map(RetrievalEvaluation::toResult).toList();
        return new RunDetail(run, results);
    }

    /** Per-metric differences and the questions whose first-hit rank changed between two runs. */
    public Comparison compare(UUID baseId, UUID candidateId) {
        RunDetail base = get(baseId);
        RunDetail candidate = get(candidateId);
        Map<String, Double> deltas = new LinkedHashMap<>();
        deltas.put("hitAt1", delta(base.run().hitAt1(), candidate.run().hitAt1()));
        deltas.put("hitAtK", delta(base.run().hitAtK(), candidate.run().hitAtK()));
        deltas.put("mrr", delta(base.run().mrr(), candidate.run().mrr()));
        deltas.put("precisionAtK", delta(base.run().precisionAtK(), candidate.run().precisionAtK()));
        deltas.put("faithfulness", delta(base.run().faithfulness(), candidate.run().faithfulness()));
        Map<String, EvalResult> before = new LinkedHashMap<>();
        base.results().forEach(result -> before.put(result.questionId(), result));
        List<Change> changes = new ArrayList<>();
        for (EvalResult after : candidate.results()) {
            EvalResult old = before.get(after.questionId());
            if (old != null && !java.util.Objects.equals(old.firstHitRank(), after.firstHitRank())) {
                changes.add(new Change(after.questionId(), after.question(), old.firstHitRank(), after.firstHitRank()));
            }
        }
        return new Comparison(base.run(), candidate.run(), deltas, changes);
    }

    private static Double delta(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }

    private static EvalResult toResult(EvalDao.ResultRow row) {
        try {
            List<String> expected = JSON.readValue(row.expected(), new TypeReference<List<String>>() { });
            List<String> retrieved = JSON.readValue(row.retrieved(), new TypeReference<List<String>>() { });
            return new EvalResult(row.questionId(), row.question(), expected, retrieved, row.firstHitRank(),
                    row.reciprocalRank(), row.precisionAtK(), row.faithfulness());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run with its per-question results. */
    public record RunDetail(EvalRun run, List<EvalResult> results) {
    }

    /** Two runs side by side. */
    public record Comparison(EvalRun base, EvalRun candidate, Map<String, Double> deltas, List<Change> changedQuestions) {
    }

    /** A question whose first-hit rank moved (null = not found in the top k). */
    public record Change(String questionId, String question, Integer rankBefore, Integer rankAfter) {
    }
}
