-- Personal API tokens (only the SHA-256 of each is stored), and what the
-- outbox's deliverer needs: attempts, the last error, when to try next, and
-- a claim so that two server instances never send the same message.

CREATE TABLE api_token (
    api_token_id      INTEGER PRIMARY KEY,
    account_id        BIGINT NOT NULL CONSTRAINT api_token_account_fk REFERENCES account (account_id),
    name              TEXT NOT NULL,
    token_hash        TEXT NOT NULL CONSTRAINT api_token_token_hash_key UNIQUE,
    created_at        BIGINT NOT NULL,
    last_used_at      BIGINT,
    revoked_at        BIGINT
);
CREATE INDEX api_token_account_idx ON api_token (account_id, revoked_at);

ALTER TABLE outbox_message ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_message ADD COLUMN last_error TEXT;
ALTER TABLE outbox_message ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox_message ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
