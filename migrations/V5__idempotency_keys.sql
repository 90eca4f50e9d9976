-- One send per user and idempotency key, however many copies arrive at once. The first request to
-- claim the key stores the message; the others wait on the claim and then find that message, so
-- ten simultaneous retries make one conversation and one answer. Expand only: a version that does
-- not know this table keeps working against it.
CREATE TABLE idempotency_keys (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         text        NOT NULL,
    -- Claimed before the message row exists, in the same transaction.
    message_id  uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_message_idx ON idempotency_keys (message_id);

INSERT INTO idempotency_keys (user_id, key, message_id, created_at)
SELECT c.user_id, m.idempotency_key, m.id, m.created_at
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE m.idempotency_key IS NOT NULL AND m.role = 'user'
ON CONFLICT DO NOTHING;
