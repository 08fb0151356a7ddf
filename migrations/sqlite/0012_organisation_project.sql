-- Social organisations (社会组织) and the community projects they bid on.
-- A bid's content lives in bid alone; the service reads it only when the
-- reader may see it (see service::projects), so the seal is one rule.

CREATE TABLE organisation (
    organisation_id INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    credit_code     TEXT NOT NULL CONSTRAINT organisation_credit_code_key UNIQUE,
    legal_rep       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    -- Street or community codes, space-separated.
    areas           TEXT NOT NULL,
    description     TEXT NOT NULL,
    documents       TEXT NOT NULL,
    status          TEXT NOT NULL CONSTRAINT organisation_status_check CHECK (status IN ('pending', 'verified', 'rejected')),
    reason          TEXT,
    registered_by   BIGINT NOT NULL CONSTRAINT organisation_registered_by_fk REFERENCES account (account_id),
    registered_at   BIGINT NOT NULL,
    verified_by     BIGINT CONSTRAINT organisation_verified_by_fk REFERENCES account (account_id),
    verified_at     BIGINT
);
CREATE INDEX organisation_status_idx ON organisation (status, organisation_id);

CREATE TABLE project (
    project_id      INTEGER PRIMARY KEY,
    community_code  TEXT NOT NULL CONSTRAINT project_community_fk REFERENCES community (code),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    requirements    TEXT NOT NULL,
    eligibility     TEXT NOT NULL,
    budget_cap      BIGINT NOT NULL CONSTRAINT project_budget_cap_check CHECK (budget_cap > 0),
    deadline        BIGINT NOT NULL,
    -- JSON array of {name, weight}; the weights add up to 100.
    criteria        TEXT NOT NULL,
    deliberation_id BIGINT CONSTRAINT project_deliberation_fk REFERENCES deliberation (deliberation_id),
    status          TEXT NOT NULL CONSTRAINT project_status_check CHECK (status IN ('planned', 'call_open', 'awarded', 'in_progress', 'delivered', 'evaluated', 'cancelled')),
    awarded_bid_id  BIGINT,
    created_by      BIGINT NOT NULL CONSTRAINT project_created_by_fk REFERENCES account (account_id),
    created_at      BIGINT NOT NULL,
    -- Bumped by every change, so two staff acting at once cannot both win.
    version         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX project_community_idx ON project (community_code, project_id);
CREATE INDEX project_status_idx ON project (status, project_id);

CREATE TABLE project_evaluator (
    project_id      BIGINT NOT NULL CONSTRAINT project_evaluator_project_fk REFERENCES project (project_id),
    account_id      BIGINT NOT NULL CONSTRAINT project_evaluator_account_fk REFERENCES account (account_id),
    position        INTEGER NOT NULL,
    CONSTRAINT project_evaluator_pkey PRIMARY KEY (project_id, account_id)
);
CREATE INDEX project_evaluator_account_idx ON project_evaluator (account_id);

CREATE TABLE bid (
    bid_id          INTEGER PRIMARY KEY,
    project_id      BIGINT NOT NULL CONSTRAINT bid_project_fk REFERENCES project (project_id),
    organisation_id BIGINT NOT NULL CONSTRAINT bid_organisation_fk REFERENCES organisation (organisation_id),
    -- JSON of the checked bid (proposal, budget lines, milestones, team, total).
    content         TEXT NOT NULL,
    total           BIGINT NOT NULL,
    withdrawn       BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_by    BIGINT NOT NULL CONSTRAINT bid_submitted_by_fk REFERENCES account (account_id),
    submitted_at    BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    CONSTRAINT bid_one_per_organisation UNIQUE (project_id, organisation_id)
);

-- An evaluator's sheet for one bid: scores, or a declared conflict.
CREATE TABLE bid_sheet (
    bid_id          BIGINT NOT NULL CONSTRAINT bid_sheet_bid_fk REFERENCES bid (bid_id),
    account_id      BIGINT NOT NULL CONSTRAINT bid_sheet_account_fk REFERENCES account (account_id),
    -- JSON array of whole scores, one per criterion; NULL for a conflict.
    scores          TEXT,
    total           BIGINT,
    comment         TEXT NOT NULL,
    conflict        BOOLEAN NOT NULL,
    at              BIGINT NOT NULL,
    CONSTRAINT bid_sheet_pkey PRIMARY KEY (bid_id, account_id)
);

CREATE TABLE project_event (
    project_event_id INTEGER PRIMARY KEY,
    project_id      BIGINT NOT NULL CONSTRAINT project_event_project_fk REFERENCES project (project_id),
    kind            TEXT NOT NULL,
    actor_id        BIGINT CONSTRAINT project_event_actor_fk REFERENCES account (account_id),
    note            TEXT,
    at              BIGINT NOT NULL
);
CREATE INDEX project_event_project_idx ON project_event (project_id, project_event_id);

CREATE TABLE milestone_report (
    project_id      BIGINT NOT NULL CONSTRAINT milestone_report_project_fk REFERENCES project (project_id),
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL,
    reported_by     BIGINT NOT NULL CONSTRAINT milestone_report_by_fk REFERENCES account (account_id),
    at              BIGINT NOT NULL,
    CONSTRAINT milestone_report_pkey PRIMARY KEY (project_id, position)
);

CREATE TABLE project_rating (
    project_id      BIGINT NOT NULL CONSTRAINT project_rating_project_fk REFERENCES project (project_id),
    account_id      BIGINT NOT NULL CONSTRAINT project_rating_account_fk REFERENCES account (account_id),
    stars           INTEGER NOT NULL CONSTRAINT project_rating_stars_check CHECK (stars BETWEEN 1 AND 5),
    comment         TEXT,
    at              BIGINT NOT NULL,
    CONSTRAINT project_rating_pkey PRIMARY KEY (project_id, account_id)
);
