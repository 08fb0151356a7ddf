-- Admission review (准入) of the item lists. Each street names its
-- departments; a department proposes adding an item to a community's list,
-- or withdrawing one, and every other reviewing department of the street
-- decides. One rejection ends a proposal; a unanimous approval changes the
-- list (a new list_item for the community, or a list_item_withdrawal).

CREATE TABLE department (
    department_id   INTEGER PRIMARY KEY,
    street_code     TEXT NOT NULL CONSTRAINT department_street_fk REFERENCES street (code),
    name            TEXT NOT NULL,
    reviews         BOOLEAN NOT NULL,
    created_at      BIGINT NOT NULL,
    CONSTRAINT department_name_key UNIQUE (street_code, name)
);

CREATE TABLE department_member (
    department_id   BIGINT NOT NULL CONSTRAINT department_member_department_fk REFERENCES department (department_id),
    account_id      BIGINT NOT NULL CONSTRAINT department_member_account_fk REFERENCES account (account_id),
    CONSTRAINT department_member_pkey PRIMARY KEY (department_id, account_id)
);
CREATE INDEX department_member_account_idx ON department_member (account_id);

CREATE TABLE item_proposal (
    proposal_id     INTEGER PRIMARY KEY,
    community_code  TEXT NOT NULL CONSTRAINT item_proposal_community_fk REFERENCES community (code),
    department_id   BIGINT NOT NULL CONSTRAINT item_proposal_department_fk REFERENCES department (department_id),
    -- An item kind to add one; NULL for a withdrawal of item_id.
    kind            TEXT CONSTRAINT item_proposal_kind_check CHECK (kind IN ('duty', 'assist', 'not_ours', 'no_certificate')),
    title           TEXT,
    detail          TEXT,
    item_id         BIGINT CONSTRAINT item_proposal_item_fk REFERENCES list_item (list_item_id),
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CONSTRAINT item_proposal_status_check CHECK (status IN ('reviewing', 'adopted', 'rejected')),
    filed_by        BIGINT NOT NULL CONSTRAINT item_proposal_filed_by_fk REFERENCES account (account_id),
    filed_at        BIGINT NOT NULL,
    decided_at      BIGINT,
    CONSTRAINT item_proposal_change_check CHECK ((kind IS NULL) <> (item_id IS NULL))
);
CREATE INDEX item_proposal_community_idx ON item_proposal (community_code, proposal_id);
CREATE INDEX item_proposal_status_idx ON item_proposal (status, proposal_id);

CREATE TABLE item_review (
    proposal_id     BIGINT NOT NULL CONSTRAINT item_review_proposal_fk REFERENCES item_proposal (proposal_id),
    department_id   BIGINT NOT NULL CONSTRAINT item_review_department_fk REFERENCES department (department_id),
    verdict         TEXT NOT NULL CONSTRAINT item_review_verdict_check CHECK (verdict IN ('approve', 'reject')),
    reason          TEXT NOT NULL,
    reviewed_by     BIGINT NOT NULL CONSTRAINT item_review_by_fk REFERENCES account (account_id),
    at              BIGINT NOT NULL,
    CONSTRAINT item_review_pkey PRIMARY KEY (proposal_id, department_id)
);

CREATE TABLE list_item_withdrawal (
    community_code  TEXT NOT NULL CONSTRAINT list_item_withdrawal_community_fk REFERENCES community (code),
    list_item_id    BIGINT NOT NULL CONSTRAINT list_item_withdrawal_item_fk REFERENCES list_item (list_item_id),
    proposal_id     BIGINT NOT NULL CONSTRAINT list_item_withdrawal_proposal_fk REFERENCES item_proposal (proposal_id),
    at              BIGINT NOT NULL,
    CONSTRAINT list_item_withdrawal_pkey PRIMARY KEY (community_code, list_item_id)
);
