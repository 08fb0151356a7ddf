-- Deliberations (议事协商): the four steps, the topics residents propose,
-- objections to the notice, statements and their votes, decision polls,
-- and the decision record's versions. Every count a page shows is kept on
-- its row, so a busy consultation page reads rows, not aggregates.

-- A community's own notice period; without a row, 7 days.
CREATE TABLE community_deliberation_setting (
    community_code TEXT PRIMARY KEY CONSTRAINT community_deliberation_setting_community_fk REFERENCES community (code),
    notice_days    INTEGER NOT NULL CONSTRAINT community_deliberation_setting_days_check CHECK (notice_days BETWEEN 3 AND 60)
);

CREATE TABLE deliberation (
    deliberation_id     INTEGER PRIMARY KEY,
    community_code      TEXT NOT NULL CONSTRAINT deliberation_community_fk REFERENCES community (code),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL,
    stage               TEXT NOT NULL CONSTRAINT deliberation_stage_check CHECK (stage IN (
                            'collecting', 'deciding', 'notice', 'consultation', 'decided', 'cancelled')),
    collect_until       BIGINT NOT NULL,
    notice_days         INTEGER NOT NULL CONSTRAINT deliberation_notice_days_check CHECK (notice_days BETWEEN 3 AND 60),
    notice_published_at BIGINT,
    notice_ends_at      BIGINT,
    -- The arrangement, set while deciding.
    form                TEXT CONSTRAINT deliberation_form_check CHECK (form IN (
                            'meeting', 'consultation', 'interview', 'written', 'online')),
    starts_at           BIGINT,
    ends_at             BIGINT,
    place               TEXT,
    participants        TEXT,
    stakeholders        TEXT,
    materials           TEXT,
    -- The minutes, recorded during the consultation.
    minutes_attendance  TEXT,
    minutes_arguments   TEXT,
    minutes_result      TEXT,
    minutes_decision    TEXT,
    -- Set when the decision is to be carried out as a project.
    implementation      TEXT,
    topic_count         INTEGER NOT NULL DEFAULT 0,
    -- Moves with every statement vote: the opinion groups are recomputed
    -- when it has moved.
    vote_seq            BIGINT NOT NULL DEFAULT 0,
    created_by          BIGINT NOT NULL CONSTRAINT deliberation_created_by_fk REFERENCES account (account_id),
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deliberation_community_idx ON deliberation (community_code, deliberation_id);
CREATE INDEX deliberation_calendar_idx ON deliberation (stage, starts_at);

CREATE TABLE deliberation_event (
    deliberation_event_id INTEGER PRIMARY KEY,
    deliberation_id       BIGINT NOT NULL CONSTRAINT deliberation_event_deliberation_fk REFERENCES deliberation (deliberation_id),
    kind                  TEXT NOT NULL,
    actor_id              BIGINT CONSTRAINT deliberation_event_actor_fk REFERENCES account (account_id),
    note                  TEXT,
    created_at            BIGINT NOT NULL
);
CREATE INDEX deliberation_event_deliberation_idx ON deliberation_event (deliberation_id, deliberation_event_id);

CREATE TABLE topic (
    topic_id        INTEGER PRIMARY KEY,
    deliberation_id BIGINT NOT NULL CONSTRAINT topic_deliberation_fk REFERENCES deliberation (deliberation_id),
    proposer_id     BIGINT NOT NULL CONSTRAINT topic_proposer_fk REFERENCES account (account_id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    why             TEXT NOT NULL,
    state           TEXT NOT NULL CONSTRAINT topic_state_check CHECK (state IN ('proposed', 'selected', 'merged', 'declined')),
    reason          TEXT,
    merged_into     BIGINT CONSTRAINT topic_merged_into_fk REFERENCES topic (topic_id),
    matter_id       BIGINT CONSTRAINT topic_matter_fk REFERENCES matter (matter_id),
    support_count   INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    decided_at      BIGINT
);
CREATE INDEX topic_deliberation_idx ON topic (deliberation_id, topic_id);
-- A matter becomes a topic of a deliberation once.
CREATE UNIQUE INDEX topic_matter_key ON topic (deliberation_id, matter_id);
CREATE INDEX topic_matter_idx ON topic (matter_id);

CREATE TABLE topic_support (
    topic_id   BIGINT NOT NULL CONSTRAINT topic_support_topic_fk REFERENCES topic (topic_id),
    account_id BIGINT NOT NULL CONSTRAINT topic_support_account_fk REFERENCES account (account_id),
    created_at BIGINT NOT NULL,
    CONSTRAINT topic_support_pkey PRIMARY KEY (topic_id, account_id)
);

-- Objections and questions on the notice; each needs an answer before the
-- consultation opens.
CREATE TABLE objection (
    objection_id    INTEGER PRIMARY KEY,
    deliberation_id BIGINT NOT NULL CONSTRAINT objection_deliberation_fk REFERENCES deliberation (deliberation_id),
    author_id       BIGINT NOT NULL CONSTRAINT objection_author_fk REFERENCES account (account_id),
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    answer          TEXT,
    answered_by     BIGINT CONSTRAINT objection_answered_by_fk REFERENCES account (account_id),
    answered_at     BIGINT
);
CREATE INDEX objection_deliberation_idx ON objection (deliberation_id, objection_id);

CREATE TABLE statement (
    statement_id    INTEGER PRIMARY KEY,
    deliberation_id BIGINT NOT NULL CONSTRAINT statement_deliberation_fk REFERENCES deliberation (deliberation_id),
    author_id       BIGINT NOT NULL CONSTRAINT statement_author_fk REFERENCES account (account_id),
    body            TEXT NOT NULL,
    hidden          INTEGER NOT NULL DEFAULT 0 CONSTRAINT statement_hidden_check CHECK (hidden IN (0, 1)),
    agree_count     INTEGER NOT NULL DEFAULT 0,
    disagree_count  INTEGER NOT NULL DEFAULT 0,
    pass_count      INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL
);
CREATE INDEX statement_deliberation_idx ON statement (deliberation_id, statement_id);

-- One vote per person and statement, changeable until the consultation
-- closes: agree 1, disagree -1, pass 0.
CREATE TABLE statement_vote (
    statement_id    BIGINT NOT NULL CONSTRAINT statement_vote_statement_fk REFERENCES statement (statement_id),
    account_id      BIGINT NOT NULL CONSTRAINT statement_vote_account_fk REFERENCES account (account_id),
    deliberation_id BIGINT NOT NULL CONSTRAINT statement_vote_deliberation_fk REFERENCES deliberation (deliberation_id),
    vote            INTEGER NOT NULL CONSTRAINT statement_vote_check CHECK (vote IN (-1, 0, 1)),
    updated_at      BIGINT NOT NULL,
    CONSTRAINT statement_vote_pkey PRIMARY KEY (statement_id, account_id)
);
CREATE INDEX statement_vote_deliberation_idx ON statement_vote (deliberation_id);

CREATE TABLE poll (
    poll_id         INTEGER PRIMARY KEY,
    deliberation_id BIGINT NOT NULL CONSTRAINT poll_deliberation_fk REFERENCES deliberation (deliberation_id),
    question        TEXT NOT NULL,
    -- One option per line.
    options         TEXT NOT NULL,
    quorum          INTEGER NOT NULL CONSTRAINT poll_quorum_check CHECK (quorum >= 1),
    rule            TEXT NOT NULL CONSTRAINT poll_rule_check CHECK (rule IN ('simple', 'two_thirds')),
    closes_at       BIGINT NOT NULL,
    ballot_count    INTEGER NOT NULL DEFAULT 0,
    created_by      BIGINT NOT NULL CONSTRAINT poll_created_by_fk REFERENCES account (account_id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX poll_deliberation_idx ON poll (deliberation_id, poll_id);

CREATE TABLE poll_ballot (
    poll_id    BIGINT NOT NULL CONSTRAINT poll_ballot_poll_fk REFERENCES poll (poll_id),
    account_id BIGINT NOT NULL CONSTRAINT poll_ballot_account_fk REFERENCES account (account_id),
    choice     INTEGER NOT NULL CONSTRAINT poll_ballot_choice_check CHECK (choice BETWEEN 0 AND 9),
    updated_at BIGINT NOT NULL,
    CONSTRAINT poll_ballot_pkey PRIMARY KEY (poll_id, account_id)
);

-- Published versions of a decision record. Rows are only ever added: the
-- content names the previous version's fingerprint.
CREATE TABLE decision_record (
    deliberation_id BIGINT NOT NULL CONSTRAINT decision_record_deliberation_fk REFERENCES deliberation (deliberation_id),
    version         INTEGER NOT NULL,
    content         TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    published_by    BIGINT NOT NULL CONSTRAINT decision_record_published_by_fk REFERENCES account (account_id),
    published_at    BIGINT NOT NULL,
    CONSTRAINT decision_record_pkey PRIMARY KEY (deliberation_id, version)
);
