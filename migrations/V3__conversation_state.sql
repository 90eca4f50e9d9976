-- Conversations remember where a multi-turn flow stands (a booking awaiting confirmation, a
-- diagnostic in progress), and each answer points at the message it answers, so a retried send
-- finds its earlier answer. A conversation's tokens and cost are read from the cost ledger, so the
-- copies on the conversation go.

ALTER TABLE conversations ADD COLUMN state jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE messages ADD COLUMN reply_to uuid REFERENCES messages (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX messages_one_reply_per_message ON messages (reply_to) WHERE reply_to IS NOT NULL AND role = 'assistant';
ALTER TABLE handoffs ADD COLUMN user_id uuid REFERENCES users (id) ON DELETE CASCADE;
UPDATE handoffs h SET user_id = c.user_id FROM conversations c WHERE c.id = h.conversation_id;
CREATE INDEX handoffs_user_idx ON handoffs (user_id);

ALTER TABLE conversations DROP COLUMN total_tokens, DROP COLUMN total_cost;
