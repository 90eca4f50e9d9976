-- Per API key and per owning user: budgets per UTC day and month in USD, what happens past them,
-- request and token rates per minute and the models a key may use. Expand only: older versions
-- of the service ignore these tables.

CREATE TABLE llm_key_limits (
    api_key_id          uuid PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
    daily_budget_usd    numeric(12, 6),
    monthly_budget_usd  numeric(12, 6),
    over_budget         text        NOT NULL DEFAULT 'stop',
    requests_per_minute integer,
    tokens_per_minute   integer,
    allowed_models      text[],
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT llm_key_limits_over_budget_valid CHECK (over_budget IN ('stop', 'downgrade')),
    CONSTRAINT llm_key_limits_positive CHECK (
        (daily_budget_usd IS NULL OR daily_budget_usd >= 0) AND (monthly_budget_usd IS NULL OR monthly_budget_usd >= 0)
        AND (requests_per_minute IS NULL OR requests_per_minute > 0)
        AND (tokens_per_minute IS NULL OR tokens_per_minute > 0))
);

CREATE TABLE llm_user_limits (
    user_id             uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    daily_budget_usd    numeric(12, 6),
    monthly_budget_usd  numeric(12, 6),
    over_budget         text        NOT NULL DEFAULT 'stop',
    requests_per_minute integer,
    tokens_per_minute   integer,
    allowed_models      text[],
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT llm_user_limits_over_budget_valid CHECK (over_budget IN ('stop', 'downgrade')),
    CONSTRAINT llm_user_limits_positive CHECK (
        (daily_budget_usd IS NULL OR daily_budget_usd >= 0) AND (monthly_budget_usd IS NULL OR monthly_budget_usd >= 0)
        AND (requests_per_minute IS NULL OR requests_per_minute > 0)
        AND (tokens_per_minute IS NULL OR tokens_per_minute > 0))
);

-- Spend per key and per user, read back for reports and to seed the shared counters.
CREATE INDEX llm_usage_api_key_idx ON llm_usage (api_key_id, created_at) WHERE api_key_id IS NOT NULL;
CREATE INDEX llm_usage_user_idx ON llm_usage (user_id, created_at) WHERE user_id IS NOT NULL;
