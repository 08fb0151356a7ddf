-- From recurring matters to topics: a topic proposed from a cluster of
-- similar matters names every one of them, so each matter links to its
-- topic and the topic to its matters.
CREATE TABLE topic_matter (
    topic_id        BIGINT NOT NULL CONSTRAINT topic_matter_topic_fk REFERENCES topic (topic_id),
    matter_id       BIGINT NOT NULL CONSTRAINT topic_matter_matter_fk REFERENCES matter (matter_id),
    deliberation_id BIGINT NOT NULL CONSTRAINT topic_matter_deliberation_fk REFERENCES deliberation (deliberation_id),
    CONSTRAINT topic_matter_pkey PRIMARY KEY (topic_id, matter_id),
    -- A matter joins one topic of a deliberation at most.
    CONSTRAINT topic_matter_once UNIQUE (deliberation_id, matter_id)
);
CREATE INDEX topic_matter_matter_idx ON topic_matter (matter_id);

-- The results tracker: what became of a decided topic or an awarded
-- project, with progress, status, the planned date and dated entries.
CREATE TABLE tracked_result (
    result_id      INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT tracked_result_community_fk REFERENCES community (code),
    topic_id       BIGINT CONSTRAINT tracked_result_topic_fk REFERENCES topic (topic_id),
    project_id     BIGINT CONSTRAINT tracked_result_project_fk REFERENCES project (project_id),
    title          TEXT NOT NULL,
    progress       INTEGER NOT NULL CONSTRAINT tracked_result_progress_check CHECK (progress BETWEEN 0 AND 100),
    status         TEXT NOT NULL CONSTRAINT tracked_result_status_check CHECK (status IN ('not_started', 'under_way', 'done', 'dropped')),
    planned_at     BIGINT NOT NULL,
    opened_at      BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    version        BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT tracked_result_source_check CHECK ((topic_id IS NULL) <> (project_id IS NULL)),
    CONSTRAINT tracked_result_topic_key UNIQUE (topic_id),
    CONSTRAINT tracked_result_project_key UNIQUE (project_id)
);
CREATE INDEX tracked_result_place_idx ON tracked_result (community_code, result_id);
CREATE INDEX tracked_result_due_idx ON tracked_result (status, planned_at);

CREATE TABLE tracked_entry (
    entry_id   INTEGER PRIMARY KEY,
    result_id  BIGINT NOT NULL CONSTRAINT tracked_entry_result_fk REFERENCES tracked_result (result_id),
    progress   INTEGER NOT NULL,
    status     TEXT NOT NULL,
    planned_at BIGINT NOT NULL,
    body       TEXT NOT NULL,
    actor_id   BIGINT CONSTRAINT tracked_entry_actor_fk REFERENCES account (account_id),
    at         BIGINT NOT NULL
);
CREATE INDEX tracked_entry_result_idx ON tracked_entry (result_id, entry_id);

CREATE TABLE tracked_follower (
    result_id  BIGINT NOT NULL CONSTRAINT tracked_follower_result_fk REFERENCES tracked_result (result_id),
    account_id BIGINT NOT NULL CONSTRAINT tracked_follower_account_fk REFERENCES account (account_id),
    since      BIGINT NOT NULL,
    CONSTRAINT tracked_follower_pkey PRIMARY KEY (result_id, account_id)
);
CREATE INDEX tracked_follower_account_idx ON tracked_follower (account_id);

-- A follower's word of a change, in their inbox.
CREATE TABLE tracked_notice (
    notice_id  INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL CONSTRAINT tracked_notice_account_fk REFERENCES account (account_id),
    result_id  BIGINT NOT NULL CONSTRAINT tracked_notice_result_fk REFERENCES tracked_result (result_id),
    entry_id   BIGINT NOT NULL CONSTRAINT tracked_notice_entry_fk REFERENCES tracked_entry (entry_id),
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
CREATE INDEX tracked_notice_account_idx ON tracked_notice (account_id, notice_id);
