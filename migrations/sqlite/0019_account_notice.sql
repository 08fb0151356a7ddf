-- Notices about a person's own account in their inbox: when a password
-- change, a reset or "sign out everywhere" revoked their API tokens.
CREATE TABLE account_notice (
    account_notice_id INTEGER PRIMARY KEY,
    account_id        BIGINT NOT NULL CONSTRAINT account_notice_account_fk REFERENCES account (account_id),
    kind              TEXT NOT NULL CONSTRAINT account_notice_kind_check CHECK (kind IN (
                          'password_changed', 'password_reset', 'signed_out_everywhere')),
    tokens_revoked    BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    read_at           BIGINT
);
CREATE INDEX account_notice_account_idx ON account_notice (account_id, account_notice_id);
