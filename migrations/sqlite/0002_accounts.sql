-- Accounts, server-side sessions, scoped roles, sign-in failures for
-- lock-outs, the append-only audit log with its hash chain, and the outbox
-- of every message sent. Times are UTC milliseconds since the Unix epoch,
-- written by the application's clock so both engines compare them alike.

CREATE TABLE account (
    account_id    INTEGER PRIMARY KEY,
    display_name  TEXT NOT NULL,
    email         TEXT CONSTRAINT account_email_key UNIQUE,
    phone         TEXT CONSTRAINT account_phone_key UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    CONSTRAINT account_login_check CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

-- The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE session (
    session_id   TEXT PRIMARY KEY,
    account_id   BIGINT NOT NULL CONSTRAINT session_account_fk REFERENCES account (account_id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX session_account_idx ON session (account_id);

CREATE TABLE role_grant (
    role_grant_id INTEGER PRIMARY KEY,
    account_id    BIGINT NOT NULL CONSTRAINT role_grant_account_fk REFERENCES account (account_id),
    role          TEXT NOT NULL CONSTRAINT role_grant_role_check CHECK (role IN (
                      'resident', 'council_member', 'grid_worker', 'community_staff',
                      'street_officer', 'district_officer', 'organisation_member', 'platform_admin')),
    scope_kind    TEXT NOT NULL CONSTRAINT role_grant_scope_kind_check CHECK (scope_kind IN (
                      'platform', 'district', 'street', 'community', 'grid', 'organisation')),
    scope_key     TEXT NOT NULL,
    granted_by    BIGINT CONSTRAINT role_grant_granted_by_fk REFERENCES account (account_id),
    created_at    BIGINT NOT NULL,
    revoked_at    BIGINT,
    revoked_by    BIGINT CONSTRAINT role_grant_revoked_by_fk REFERENCES account (account_id)
);
CREATE UNIQUE INDEX role_grant_active_key ON role_grant (account_id, role, scope_key) WHERE revoked_at IS NULL;
CREATE INDEX role_grant_scope_idx ON role_grant (scope_key);

-- Subjects are 'account:<id>' or 'address:<sha-256 of the address>'.
CREATE TABLE sign_in_failure (
    sign_in_failure_id INTEGER PRIMARY KEY,
    subject            TEXT NOT NULL,
    created_at         BIGINT NOT NULL
);
CREATE INDEX sign_in_failure_subject_idx ON sign_in_failure (subject, created_at);

-- Each entry carries the hash of the one before; audit_head holds the last
-- one and is updated in the same transaction, which serialises appends.
CREATE TABLE audit_entry (
    audit_entry_id   BIGINT PRIMARY KEY,
    actor_account_id BIGINT,
    action           TEXT NOT NULL,
    target           TEXT NOT NULL,
    scope_key        TEXT NOT NULL,
    outcome          TEXT NOT NULL CONSTRAINT audit_entry_outcome_check CHECK (outcome IN ('ok', 'denied', 'failed')),
    created_at       BIGINT NOT NULL,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
);
CREATE INDEX audit_entry_scope_idx ON audit_entry (scope_key, audit_entry_id);

CREATE TABLE audit_head (
    audit_head_id INTEGER PRIMARY KEY CONSTRAINT audit_head_single_check CHECK (audit_head_id = 1),
    seq           BIGINT NOT NULL,
    hash          TEXT NOT NULL
);
INSERT INTO audit_head (audit_head_id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TABLE outbox_message (
    outbox_message_id INTEGER PRIMARY KEY,
    account_id        BIGINT CONSTRAINT outbox_message_account_fk REFERENCES account (account_id),
    channel           TEXT NOT NULL CONSTRAINT outbox_message_channel_check CHECK (channel IN ('email', 'sms')),
    recipient         TEXT NOT NULL,
    subject           TEXT NOT NULL,
    body              TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    sent_at           BIGINT
);
CREATE INDEX outbox_message_unsent_idx ON outbox_message (sent_at, outbox_message_id);
