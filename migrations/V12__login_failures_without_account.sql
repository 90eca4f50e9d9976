-- Failed logins for addresses that have no active account count and lock on the same terms as
-- users.failed_login_count / users.locked_until, so that the lockout does not tell which addresses
-- have accounts. Keyed by the SHA-256 of the normalised address: a mistyped address is not kept in
-- clear. Additive only: the previous release never reads or writes this table.
CREATE TABLE login_failures (
    email_hash         text        PRIMARY KEY,
    failed_login_count integer     NOT NULL DEFAULT 0,
    locked_until       timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT login_failures_count_non_negative CHECK (failed_login_count >= 0),
    CONSTRAINT login_failures_hash_shape CHECK (email_hash ~ '^[0-9a-f]{64}$')
);
