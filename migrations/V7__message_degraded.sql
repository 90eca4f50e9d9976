-- Whether an answer was degraded (quoted from the manuals because no model could write it), so
-- that a retried send replays it as it was given. Expand only: older versions leave it false.
ALTER TABLE messages ADD COLUMN degraded boolean NOT NULL DEFAULT false;
