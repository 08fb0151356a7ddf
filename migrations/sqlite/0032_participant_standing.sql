-- A participant removed from a deliberation's opinion groups: every vote
-- they cast there leaves the math (a sock puppet, a bot), with a public
-- reason in the moderation log like any other decision. The key is the
-- participant as the open vote matrix names them ("5-0a1b2c3d4e5f").
CREATE TABLE participant_standing (
    content_key     TEXT PRIMARY KEY,
    deliberation_id BIGINT NOT NULL CONSTRAINT participant_standing_deliberation_fk REFERENCES deliberation (deliberation_id) ON DELETE CASCADE,
    account_id      BIGINT NOT NULL CONSTRAINT participant_standing_account_fk REFERENCES account (account_id),
    hidden          INTEGER NOT NULL DEFAULT 0 CONSTRAINT participant_standing_hidden_check CHECK (hidden IN (0, 1)),
    CONSTRAINT participant_standing_once UNIQUE (deliberation_id, account_id)
);

-- SQLite cannot change a CHECK in place: both tables are rebuilt with the
-- new kind allowed, rows and indexes kept.
CREATE TABLE content_report_next (
    report_id      INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT content_report_community_fk REFERENCES community (code),
    content_kind   TEXT NOT NULL CONSTRAINT content_report_kind_check CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo', 'participant')),
    content_key    TEXT NOT NULL,
    reporter_id    BIGINT NOT NULL CONSTRAINT content_report_reporter_fk REFERENCES account (account_id),
    reason         TEXT NOT NULL CONSTRAINT content_report_reason_check CHECK (reason IN ('abuse', 'privacy', 'advert', 'off_topic', 'false', 'other')),
    note           TEXT,
    created_at     BIGINT NOT NULL,
    settled        TEXT CONSTRAINT content_report_settled_check CHECK (settled IN ('upheld', 'dismissed')),
    settled_at     BIGINT,
    CONSTRAINT content_report_once UNIQUE (content_kind, content_key, reporter_id)
);
INSERT INTO content_report_next SELECT report_id, community_code, content_kind, content_key,
    reporter_id, reason, note, created_at, settled, settled_at FROM content_report;
DROP TABLE content_report;
ALTER TABLE content_report_next RENAME TO content_report;
CREATE INDEX content_report_open_idx ON content_report (community_code, settled, created_at);
CREATE INDEX content_report_reporter_idx ON content_report (reporter_id, created_at);

CREATE TABLE moderation_action_next (
    action_id      INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT moderation_action_community_fk REFERENCES community (code),
    content_kind   TEXT NOT NULL CONSTRAINT moderation_action_kind_check CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo', 'participant')),
    content_key    TEXT NOT NULL,
    decision       TEXT NOT NULL CONSTRAINT moderation_action_decision_check CHECK (decision IN ('hidden', 'restored')),
    reason         TEXT NOT NULL,
    role           TEXT NOT NULL,
    actor_id       BIGINT NOT NULL CONSTRAINT moderation_action_actor_fk REFERENCES account (account_id),
    author_id      BIGINT CONSTRAINT moderation_action_author_fk REFERENCES account (account_id),
    href           TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
INSERT INTO moderation_action_next SELECT action_id, community_code, content_kind, content_key,
    decision, reason, role, actor_id, author_id, href, created_at FROM moderation_action;
DROP TABLE moderation_action;
ALTER TABLE moderation_action_next RENAME TO moderation_action;
CREATE INDEX moderation_action_community_idx ON moderation_action (community_code, action_id);
CREATE INDEX moderation_action_content_idx ON moderation_action (content_kind, content_key, action_id);
