-- Operator switches of the model router, shared by every replica and kept across restarts: a
-- provider turned off, or its circuit breaker held open. No row: enabled, breaker automatic.
-- Expand only: older versions of the service ignore this table.
CREATE TABLE llm_provider_controls (
    provider   text PRIMARY KEY,
    enabled    boolean     NOT NULL DEFAULT true,
    circuit    text        NOT NULL DEFAULT 'auto',
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT llm_provider_controls_circuit_valid CHECK (circuit IN ('auto', 'forced_open'))
);
