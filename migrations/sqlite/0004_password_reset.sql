-- One-time, expiring password-reset links. Only the SHA-256 of the token in
-- the link is stored.

CREATE TABLE password_reset (
    password_reset_id INTEGER PRIMARY KEY,
    account_id        BIGINT NOT NULL CONSTRAINT password_reset_account_fk REFERENCES account (account_id),
    token_hash        TEXT NOT NULL CONSTRAINT password_reset_token_hash_key UNIQUE,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    used_at           BIGINT
);
CREATE INDEX password_reset_account_idx ON password_reset (account_id, created_at);

-- Events counted for rate limits (failed sign-ins per account and per
-- address, sign-ups per address), replacing the sign-in-only table.
CREATE TABLE rate_event (
    rate_event_id INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX rate_event_subject_idx ON rate_event (subject, created_at);
DROP TABLE sign_in_failure;
