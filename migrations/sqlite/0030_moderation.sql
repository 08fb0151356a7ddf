-- Moderation in the open: reports by anyone signed in, decisions with a
-- public reason by the council or staff, and the text a decision withholds.

CREATE TABLE content_report (
    report_id      INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT content_report_community_fk REFERENCES community (code),
    content_kind   TEXT NOT NULL CONSTRAINT content_report_kind_check CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo')),
    content_key    TEXT NOT NULL,
    reporter_id    BIGINT NOT NULL CONSTRAINT content_report_reporter_fk REFERENCES account (account_id),
    reason         TEXT NOT NULL CONSTRAINT content_report_reason_check CHECK (reason IN ('abuse', 'privacy', 'advert', 'off_topic', 'false', 'other')),
    note           TEXT,
    created_at     BIGINT NOT NULL,
    -- NULL while open; then whether the item was hidden or kept.
    settled        TEXT CONSTRAINT content_report_settled_check CHECK (settled IN ('upheld', 'dismissed')),
    settled_at     BIGINT,
    -- One report per person per item.
    CONSTRAINT content_report_once UNIQUE (content_kind, content_key, reporter_id)
);
CREATE INDEX content_report_open_idx ON content_report (community_code, settled, created_at);
CREATE INDEX content_report_reporter_idx ON content_report (reporter_id, created_at);

-- The public log. The author is kept for staff's figures, never shown.
CREATE TABLE moderation_action (
    action_id      INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT moderation_action_community_fk REFERENCES community (code),
    content_kind   TEXT NOT NULL CONSTRAINT moderation_action_kind_check CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo')),
    content_key    TEXT NOT NULL,
    decision       TEXT NOT NULL CONSTRAINT moderation_action_decision_check CHECK (decision IN ('hidden', 'restored')),
    reason         TEXT NOT NULL,
    role           TEXT NOT NULL,
    actor_id       BIGINT NOT NULL CONSTRAINT moderation_action_actor_fk REFERENCES account (account_id),
    author_id      BIGINT CONSTRAINT moderation_action_author_fk REFERENCES account (account_id),
    href           TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX moderation_action_community_idx ON moderation_action (community_code, action_id);
CREATE INDEX moderation_action_content_idx ON moderation_action (content_kind, content_key, action_id);

-- What a hidden item said, kept for restoring and for moderators only;
-- the item itself holds empty text meanwhile, so no page, export or API
-- can show it by mistake.
CREATE TABLE withheld_text (
    content_kind TEXT NOT NULL,
    content_key  TEXT NOT NULL,
    fields       TEXT NOT NULL,
    CONSTRAINT withheld_text_pkey PRIMARY KEY (content_kind, content_key)
);

ALTER TABLE topic ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0
    CONSTRAINT topic_hidden_check CHECK (hidden IN (0, 1));
ALTER TABLE objection ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0
    CONSTRAINT objection_hidden_check CHECK (hidden IN (0, 1));
ALTER TABLE matter ADD COLUMN text_hidden INTEGER NOT NULL DEFAULT 0
    CONSTRAINT matter_text_hidden_check CHECK (text_hidden IN (0, 1));
ALTER TABLE photo ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0
    CONSTRAINT photo_hidden_check CHECK (hidden IN (0, 1));
