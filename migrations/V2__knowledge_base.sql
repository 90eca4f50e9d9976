-- Knowledge base: documents are identified by their source name (an upload of changed content under
-- the same name replaces the old chunks), chunks remember the model that embedded them (so a
-- re-embedding can proceed in the background), and retrieval evaluations are kept per run.

UPDATE documents SET source_name = id::text WHERE source_name IS NULL;
-- Names were not unique before: later duplicates get their id appended.
UPDATE documents d SET source_name = d.source_name || '-' || d.id
WHERE EXISTS (SELECT 1 FROM documents e WHERE e.source_name = d.source_name
              AND (e.created_at, e.id) < (d.created_at, d.id));
ALTER TABLE documents ALTER COLUMN source_name SET NOT NULL;
CREATE UNIQUE INDEX documents_source_name_key ON documents (source_name);
ALTER TABLE documents ADD COLUMN size_bytes integer NOT NULL DEFAULT 0
    CONSTRAINT documents_size_non_negative CHECK (size_bytes >= 0);

ALTER TABLE document_chunks ADD COLUMN embedding_model text;
CREATE INDEX document_chunks_embedding_model_idx ON document_chunks (embedding_model);

CREATE TABLE retrieval_eval_runs (
    id              uuid PRIMARY KEY,
    dataset         text        NOT NULL,
    mode            text        NOT NULL,
    top_k           integer     NOT NULL,
    status          text        NOT NULL DEFAULT 'queued',
    question_count  integer     NOT NULL DEFAULT 0,
    completed_count integer     NOT NULL DEFAULT 0,
    embedding_model text        NOT NULL,
    hit_at_1        real,
    hit_at_k        real,
    mrr             real,
    precision_at_k  real,
    faithfulness    real,
    error_message   text,
    started_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CONSTRAINT retrieval_eval_runs_status_valid CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
    CONSTRAINT retrieval_eval_runs_mode_valid CHECK (mode IN ('hybrid', 'vector', 'text')),
    CONSTRAINT retrieval_eval_runs_top_k_range CHECK (top_k BETWEEN 1 AND 50),
    CONSTRAINT retrieval_eval_runs_progress CHECK (completed_count BETWEEN 0 AND question_count)
);
CREATE INDEX retrieval_eval_runs_created_idx ON retrieval_eval_runs (created_at DESC);

CREATE TABLE retrieval_eval_results (
    run_id          uuid        NOT NULL REFERENCES retrieval_eval_runs (id) ON DELETE CASCADE,
    question_id     text        NOT NULL,
    question        text        NOT NULL,
    expected        jsonb       NOT NULL,
    retrieved       jsonb       NOT NULL,
    first_hit_rank  integer,
    reciprocal_rank real        NOT NULL,
    precision_at_k  real        NOT NULL,
    faithfulness    real,
    PRIMARY KEY (run_id, question_id),
    CONSTRAINT retrieval_eval_results_rank_positive CHECK (first_hit_rank IS NULL OR first_hit_rank >= 1)
);
