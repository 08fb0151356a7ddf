-- Residents joining communities, and the one-time invitation codes that
-- communities print on their notice boards.

CREATE TABLE membership (
    membership_id INTEGER PRIMARY KEY,
    account_id    BIGINT NOT NULL CONSTRAINT membership_account_fk REFERENCES account (account_id),
    community_id  BIGINT NOT NULL CONSTRAINT membership_community_fk REFERENCES community (community_id),
    grid_id       BIGINT NOT NULL CONSTRAINT membership_grid_fk REFERENCES grid (grid_id),
    building      TEXT NOT NULL,
    unit          TEXT NOT NULL,
    room          TEXT NOT NULL,
    status        TEXT NOT NULL CONSTRAINT membership_status_check CHECK (status IN ('pending', 'verified', 'rejected')),
    reason        TEXT,
    decided_by    BIGINT CONSTRAINT membership_decided_by_fk REFERENCES account (account_id),
    decided_at    BIGINT,
    created_at    BIGINT NOT NULL
);
-- One open (pending or verified) membership per person and community.
CREATE UNIQUE INDEX membership_open_key ON membership (account_id, community_id) WHERE status <> 'rejected';
CREATE INDEX membership_queue_idx ON membership (community_id, status, created_at);

-- Only the SHA-256 of a code is stored; the code itself is shown once.
CREATE TABLE invitation (
    invitation_id INTEGER PRIMARY KEY,
    community_id  BIGINT NOT NULL CONSTRAINT invitation_community_fk REFERENCES community (community_id),
    code_hash     TEXT NOT NULL CONSTRAINT invitation_code_hash_key UNIQUE,
    created_by    BIGINT NOT NULL CONSTRAINT invitation_created_by_fk REFERENCES account (account_id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_by       BIGINT CONSTRAINT invitation_used_by_fk REFERENCES account (account_id),
    used_at       BIGINT
);
CREATE INDEX invitation_community_idx ON invitation (community_id);
