-- Ingestion as a job. An upload is queued here with its bytes and answered at once; any replica
-- claims it (FOR UPDATE SKIP LOCKED), keeps a heartbeat while it runs, and stages the embedded
-- chunks beside the knowledge base. The document and all its chunks are then written into
-- documents, document_chunks and chunk_units in one transaction, so search never sees half a
-- document and a re-upload leaves the current version answering until the new one is complete.
-- A job whose heartbeat stops (its replica died) is claimed again, or failed after its attempts.
-- The bytes and the staged chunks are dropped when the job finishes.
-- Additive only: the previous version of the service runs unchanged against this schema (it
-- ingests inside the request and never reads these tables).

CREATE TABLE ingestion_jobs (
    id              uuid PRIMARY KEY,
    file_name       text,
    media_type      text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    -- What the uploader said of the document; the rest comes from the file when the job runs.
    title           text,
    doc_type        text,
    source_name     text,
    make            text,
    model           text,
    year_from       integer,
    year_to         integer,
    uploaded_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    status          text        NOT NULL DEFAULT 'queued',
    chunks_total    integer,
    chunks_embedded integer     NOT NULL DEFAULT 0,
    document_id     uuid        REFERENCES documents (id) ON DELETE SET NULL,
    outcome         text,
    error_code      text,
    error_message   text,
    -- The claim: a new token each time a run takes the job (every write of a run names it, so a
    -- run that lost its claim can change nothing), who holds it and its last sign of life.
    claim_token     uuid,
    claimed_by      text,
    attempts        integer     NOT NULL DEFAULT 0,
    heartbeat_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    CONSTRAINT ingestion_jobs_named CHECK (coalesce(file_name, source_name, title) IS NOT NULL),
    CONSTRAINT ingestion_jobs_status_valid CHECK (status IN ('queued', 'parsing', 'embedding', 'done', 'failed')),
    CONSTRAINT ingestion_jobs_outcome_valid CHECK (outcome IN ('created', 'updated', 'unchanged')),
    CONSTRAINT ingestion_jobs_size_non_negative CHECK (size_bytes >= 0),
    CONSTRAINT ingestion_jobs_progress CHECK (
        chunks_embedded >= 0 AND (chunks_total IS NULL OR chunks_embedded <= chunks_total)),
    CONSTRAINT ingestion_jobs_running_is_claimed CHECK (
        (status IN ('parsing', 'embedding')) = (claim_token IS NOT NULL AND heartbeat_at IS NOT NULL)),
    CONSTRAINT ingestion_jobs_done_has_outcome CHECK ((status = 'done') = (outcome IS NOT NULL)),
    CONSTRAINT ingestion_jobs_failed_has_reason CHECK (
        (status = 'failed') = (error_code IS NOT NULL AND error_message IS NOT NULL)),
    CONSTRAINT ingestion_jobs_finished_at CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL)),
    CONSTRAINT ingestion_jobs_attempts_non_negative CHECK (attempts >= 0)
);
CREATE INDEX ingestion_jobs_unfinished_idx ON ingestion_jobs (created_at, id)
    WHERE status IN ('queued', 'parsing', 'embedding');
CREATE INDEX ingestion_jobs_created_idx ON ingestion_jobs (created_at DESC, id DESC);
CREATE INDEX ingestion_jobs_document_idx ON ingestion_jobs (document_id) WHERE document_id IS NOT NULL;

CREATE TABLE ingestion_uploads (
    job_id  uuid  PRIMARY KEY REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    content bytea NOT NULL
);

CREATE TABLE ingestion_staged_chunks (
    job_id      uuid    NOT NULL REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    chunk_index integer NOT NULL,
    id          uuid    NOT NULL,
    section     text,
    content     text    NOT NULL,
    token_count integer NOT NULL,
    embedding   vector(${embedding_dimension}) NOT NULL,
    PRIMARY KEY (job_id, chunk_index)
);

CREATE TABLE ingestion_staged_units (
    job_id    uuid    NOT NULL REFERENCES ingestion_jobs (id) ON DELETE CASCADE,
    chunk_id  uuid    NOT NULL,
    ordinal   integer NOT NULL,
    kind      text    NOT NULL,
    text      text    NOT NULL,
    context   text,
    embedding vector(${embedding_dimension}) NOT NULL,
    PRIMARY KEY (job_id, chunk_id, ordinal)
);
