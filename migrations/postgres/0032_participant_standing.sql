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

ALTER TABLE content_report DROP CONSTRAINT content_report_kind_check;
ALTER TABLE content_report ADD CONSTRAINT content_report_kind_check
    CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo', 'participant'));
ALTER TABLE moderation_action DROP CONSTRAINT moderation_action_kind_check;
ALTER TABLE moderation_action ADD CONSTRAINT moderation_action_kind_check
    CHECK (content_kind IN ('statement', 'topic', 'objection', 'matter', 'photo', 'participant'));
