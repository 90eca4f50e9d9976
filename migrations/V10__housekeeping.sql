-- Housekeeping: the model-call ledger is rolled up into daily totals before its rows past the
-- retention age are removed, so usage reports keep covering older days. Expand only: nothing
-- the previous version reads changes.
CREATE TABLE llm_usage_daily (
    day               date           NOT NULL,
    api_key_id        uuid           REFERENCES api_keys (id) ON DELETE SET NULL,
    user_id           uuid           REFERENCES users (id) ON DELETE SET NULL,
    provider          text           NOT NULL,
    model             text           NOT NULL,
    calls             bigint         NOT NULL,
    failures          bigint         NOT NULL,
    prompt_tokens     bigint         NOT NULL,
    completion_tokens bigint         NOT NULL,
    cost_usd          numeric(18, 8) NOT NULL,
    CONSTRAINT llm_usage_daily_one_row UNIQUE NULLS NOT DISTINCT (day, api_key_id, user_id, provider, model),
    CONSTRAINT llm_usage_daily_counts_non_negative CHECK (
        calls >= 0 AND failures >= 0 AND prompt_tokens >= 0 AND completion_tokens >= 0 AND cost_usd >= 0)
);
CREATE INDEX llm_usage_daily_key_idx ON llm_usage_daily (api_key_id, day) WHERE api_key_id IS NOT NULL;

CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
