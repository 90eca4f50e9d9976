-- GenAI Auto initial schema.
-- ${embedding_dimension} is a Flyway placeholder (rag.embeddingDimension, 384 for BGE small en v1.5);
-- changing the embedding model's dimension later needs a new migration of document_chunks.

CREATE EXTENSION IF NOT EXISTS vector;
-- btree_gist lets one exclusion constraint compare a bay (=) and a time range (&&).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- ---------------------------------------------------------------------------------------------
-- auth
-- ---------------------------------------------------------------------------------------------

CREATE TABLE users (
    id                   uuid PRIMARY KEY,
    email                text        NOT NULL,
    password_hash        text        NOT NULL,
    role                 text        NOT NULL DEFAULT 'customer',
    display_name         text,
    is_active            boolean     NOT NULL DEFAULT true,
    failed_login_count   integer     NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    -- Access tokens issued before this instant are refused ("log out everywhere").
    tokens_valid_after   timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_role_valid CHECK (role IN ('customer', 'agent', 'admin')),
    CONSTRAINT users_email_shape CHECK (email = lower(email) AND position('@' IN email) > 1),
    CONSTRAINT users_failed_login_count_non_negative CHECK (failed_login_count >= 0)
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Refresh tokens are opaque; only their hash is stored. A family is the chain of rotations
-- started by one login, so reuse of a rotated token can revoke the whole chain.
CREATE TABLE refresh_tokens (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id      uuid        NOT NULL,
    token_hash     text        NOT NULL,
    issued_at      timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    revoked_at     timestamptz,
    replaced_by    uuid        REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    user_agent     text,
    client_address inet,
    CONSTRAINT refresh_tokens_hash_key UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_expiry_after_issue CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    key_prefix    text        NOT NULL,
    key_hash      text        NOT NULL,
    -- A key acting for a user dies with that user.
    owner_user_id uuid        REFERENCES users (id) ON DELETE CASCADE,
    created_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    scopes        text[]      NOT NULL DEFAULT ARRAY['gateway']::text[],
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    CONSTRAINT api_keys_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_name_not_blank CHECK (length(btrim(name)) > 0)
);
CREATE INDEX api_keys_prefix_idx ON api_keys (key_prefix);

-- ---------------------------------------------------------------------------------------------
-- customers
-- ---------------------------------------------------------------------------------------------

CREATE TABLE customers (
    id                uuid PRIMARY KEY,
    user_id           uuid        REFERENCES users (id) ON DELETE SET NULL,
    full_name         text        NOT NULL,
    email             text,
    phone             text,
    preferred_dealer  text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_name_not_blank CHECK (length(btrim(full_name)) > 0)
);
-- One customer profile per login.
CREATE UNIQUE INDEX customers_user_key ON customers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX customers_email_idx ON customers (lower(email));

CREATE TABLE vehicles (
    id            uuid PRIMARY KEY,
    customer_id   uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    vin           text        NOT NULL,
    make          text        NOT NULL,
    model         text        NOT NULL,
    model_year    integer     NOT NULL,
    powertrain    text,
    mileage_km    integer     NOT NULL DEFAULT 0,
    license_plate text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- 17 characters, no I, O or Q (ISO 3779); the check digit is validated in the application.
    CONSTRAINT vehicles_vin_shape CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
    CONSTRAINT vehicles_year_range CHECK (model_year BETWEEN 1980 AND 2100),
    CONSTRAINT vehicles_mileage_non_negative CHECK (mileage_km >= 0),
    CONSTRAINT vehicles_powertrain_valid CHECK (powertrain IS NULL OR powertrain IN ('petrol', 'diesel', 'hybrid', 'plug_in_hybrid', 'electric'))
);
CREATE UNIQUE INDEX vehicles_vin_key ON vehicles (vin);
-- Target of the appointments' composite key, which ties an appointment to the vehicle's owner.
ALTER TABLE vehicles ADD CONSTRAINT vehicles_id_customer_key UNIQUE (id, customer_id);
CREATE INDEX vehicles_customer_idx ON vehicles (customer_id);

CREATE TABLE service_history (
    id            uuid PRIMARY KEY,
    vehicle_id    uuid          NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    service_date  date          NOT NULL,
    service_type  text          NOT NULL,
    description   text,
    mileage_km    integer,
    dealer        text,
    cost          numeric(10, 2),
    currency      char(3)       NOT NULL DEFAULT 'USD',
    created_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT service_history_mileage_non_negative CHECK (mileage_km IS NULL OR mileage_km >= 0),
    CONSTRAINT service_history_cost_non_negative CHECK (cost IS NULL OR cost >= 0)
);
CREATE INDEX service_history_vehicle_date_idx ON service_history (vehicle_id, service_date DESC);

CREATE TABLE appointments (
    id            uuid PRIMARY KEY,
    vehicle_id    uuid        NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    customer_id   uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    service_type  text        NOT NULL,
    dealer        text        NOT NULL,
    bay           text        NOT NULL,
    slot          tstzrange   NOT NULL,
    status        text        NOT NULL DEFAULT 'requested',
    notes         text,
    created_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT appointments_vehicle_of_customer FOREIGN KEY (vehicle_id, customer_id)
        REFERENCES vehicles (id, customer_id) ON DELETE CASCADE,
    CONSTRAINT appointments_status_valid CHECK (status IN ('requested', 'confirmed', 'completed', 'cancelled')),
    CONSTRAINT appointments_slot_bounded CHECK (NOT isempty(slot) AND NOT lower_inf(slot) AND NOT upper_inf(slot)),
    -- No two active appointments may overlap in one bay of one dealer, even under concurrent booking.
    CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (dealer WITH =, bay WITH =, slot WITH &&)
        WHERE (status IN ('requested', 'confirmed'))
);
CREATE INDEX appointments_customer_idx ON appointments (customer_id, lower(slot));
CREATE INDEX appointments_vehicle_idx ON appointments (vehicle_id);

-- ---------------------------------------------------------------------------------------------
-- conversations
-- ---------------------------------------------------------------------------------------------

CREATE TABLE conversations (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id     uuid        REFERENCES vehicles (id) ON DELETE SET NULL,
    title          text,
    status         text        NOT NULL DEFAULT 'active',
    summary        text,
    total_tokens   integer     NOT NULL DEFAULT 0,
    total_cost     numeric(12, 6) NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_status_valid CHECK (status IN ('active', 'handed_off', 'closed')),
    CONSTRAINT conversations_totals_non_negative CHECK (total_tokens >= 0 AND total_cost >= 0)
);
CREATE INDEX conversations_user_idx ON conversations (user_id, updated_at DESC);
CREATE INDEX conversations_updated_idx ON conversations (updated_at);

CREATE TABLE messages (
    id               uuid PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role             text        NOT NULL,
    content          text        NOT NULL,
    agent            text,
    confidence       real,
    sources          jsonb       NOT NULL DEFAULT '[]'::jsonb,
    tool_calls       jsonb       NOT NULL DEFAULT '[]'::jsonb,
    idempotency_key  text,
    latency_ms       integer,
    prompt_tokens    integer,
    completion_tokens integer,
    cost             numeric(12, 6),
    feedback_rating  smallint,
    feedback_comment text,
    feedback_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_role_valid CHECK (role IN ('user', 'assistant', 'system', 'tool', 'agent')),
    CONSTRAINT messages_confidence_range CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    CONSTRAINT messages_feedback_valid CHECK (feedback_rating IS NULL OR feedback_rating IN (-1, 1)),
    CONSTRAINT messages_counts_non_negative CHECK (
        (latency_ms IS NULL OR latency_ms >= 0)
        AND (prompt_tokens IS NULL OR prompt_tokens >= 0)
        AND (completion_tokens IS NULL OR completion_tokens >= 0))
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at);
-- A retried send with the same idempotency key maps to the message already stored.
CREATE UNIQUE INDEX messages_idempotency_key ON messages (conversation_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE handoffs (
    id                uuid PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    reason            text        NOT NULL,
    priority          text        NOT NULL DEFAULT 'normal',
    status            text        NOT NULL DEFAULT 'open',
    assigned_agent_id uuid        REFERENCES users (id) ON DELETE SET NULL,
    summary           text,
    webhook_status    text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    accepted_at       timestamptz,
    resolved_at       timestamptz,
    CONSTRAINT handoffs_priority_valid CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    CONSTRAINT handoffs_status_valid CHECK (status IN ('open', 'accepted', 'resolved', 'cancelled'))
);
CREATE INDEX handoffs_status_idx ON handoffs (status, created_at);
-- At most one open or accepted handoff per conversation.
CREATE UNIQUE INDEX handoffs_one_active_per_conversation ON handoffs (conversation_id)
    WHERE status IN ('open', 'accepted');

-- ---------------------------------------------------------------------------------------------
-- rag
-- ---------------------------------------------------------------------------------------------

CREATE TABLE documents (
    id             uuid PRIMARY KEY,
    title          text        NOT NULL,
    doc_type       text        NOT NULL,
    source_name    text,
    content_type   text        NOT NULL DEFAULT 'text/plain',
    content_hash   text        NOT NULL,
    make           text,
    model          text,
    year_from      integer,
    year_to        integer,
    status         text        NOT NULL DEFAULT 'pending',
    chunk_count    integer     NOT NULL DEFAULT 0,
    embedding_model text,
    error_message  text,
    uploaded_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_type_valid CHECK (doc_type IN ('manual', 'service_bulletin', 'faq', 'warranty', 'spec_sheet', 'troubleshooting', 'other')),
    CONSTRAINT documents_status_valid CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
    CONSTRAINT documents_year_range CHECK (year_from IS NULL OR year_to IS NULL OR year_from <= year_to),
    CONSTRAINT documents_chunk_count_non_negative CHECK (chunk_count >= 0)
);
CREATE UNIQUE INDEX documents_content_hash_key ON documents (content_hash);
CREATE INDEX documents_filter_idx ON documents (doc_type, make, model);

CREATE TABLE document_chunks (
    id            uuid PRIMARY KEY,
    document_id   uuid        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_index   integer     NOT NULL,
    section       text,
    content       text        NOT NULL,
    token_count   integer     NOT NULL DEFAULT 0,
    embedding     vector(${embedding_dimension}),
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(section, '')), 'A')
        || setweight(to_tsvector('english', content), 'B')) STORED,
    metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_chunks_position_key UNIQUE (document_id, chunk_index),
    CONSTRAINT document_chunks_index_non_negative CHECK (chunk_index >= 0)
);
CREATE INDEX document_chunks_embedding_hnsw ON document_chunks
    USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX document_chunks_search_vector_gin ON document_chunks USING gin (search_vector);

-- ---------------------------------------------------------------------------------------------
-- llm
-- ---------------------------------------------------------------------------------------------

CREATE TABLE llm_usage (
    id                uuid PRIMARY KEY,
    request_id        text,
    conversation_id   uuid           REFERENCES conversations (id) ON DELETE SET NULL,
    user_id           uuid           REFERENCES users (id) ON DELETE SET NULL,
    api_key_id        uuid           REFERENCES api_keys (id) ON DELETE SET NULL,
    provider          text           NOT NULL,
    model             text           NOT NULL,
    profile           text,
    prompt_tokens     integer        NOT NULL DEFAULT 0,
    completion_tokens integer        NOT NULL DEFAULT 0,
    -- True when the provider reported no usage and the tokens were counted by us.
    tokens_estimated  boolean        NOT NULL DEFAULT false,
    cost_usd          numeric(14, 8) NOT NULL DEFAULT 0,
    latency_ms        integer        NOT NULL DEFAULT 0,
    status            text           NOT NULL,
    error_type        text,
    cache_hit         boolean        NOT NULL DEFAULT false,
    created_at        timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT llm_usage_status_valid CHECK (status IN ('success', 'error', 'timeout', 'rate_limited', 'circuit_open', 'rejected')),
    CONSTRAINT llm_usage_counts_non_negative CHECK (
        prompt_tokens >= 0 AND completion_tokens >= 0 AND cost_usd >= 0 AND latency_ms >= 0)
);
CREATE INDEX llm_usage_created_idx ON llm_usage (created_at);
CREATE INDEX llm_usage_provider_model_idx ON llm_usage (provider, model, created_at);
CREATE INDEX llm_usage_conversation_idx ON llm_usage (conversation_id) WHERE conversation_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- platform
-- ---------------------------------------------------------------------------------------------

CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    actor_user_id  uuid        REFERENCES users (id) ON DELETE SET NULL,
    actor_label    text,
    action         text        NOT NULL,
    target_type    text,
    target_id      text,
    client_address inet,
    request_id     text,
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id) WHERE actor_user_id IS NOT NULL;
