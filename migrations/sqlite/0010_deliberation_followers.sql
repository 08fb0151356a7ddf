-- Who hears of a deliberation's steps: followers (who asked to, and
-- everyone who took part: proposed or supported a topic, objected, made or
-- voted on a statement, cast a ballot), their inbox rows, and whether each
-- person wants email at once or one daily digest (the default).

CREATE TABLE deliberation_follower (
    deliberation_id BIGINT NOT NULL CONSTRAINT deliberation_follower_deliberation_fk REFERENCES deliberation (deliberation_id),
    account_id      BIGINT NOT NULL CONSTRAINT deliberation_follower_account_fk REFERENCES account (account_id),
    since           BIGINT NOT NULL,
    PRIMARY KEY (deliberation_id, account_id)
);
CREATE INDEX deliberation_follower_account_idx ON deliberation_follower (account_id);

-- One row per follower and step, written in the step's transaction.
-- digested_at is set when the row went out by email (in a digest or at
-- once), so no step is mailed twice.
CREATE TABLE deliberation_notification (
    deliberation_notification_id INTEGER PRIMARY KEY,
    account_id      BIGINT NOT NULL CONSTRAINT deliberation_notification_account_fk REFERENCES account (account_id),
    deliberation_id BIGINT NOT NULL CONSTRAINT deliberation_notification_deliberation_fk REFERENCES deliberation (deliberation_id),
    kind            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    read_at         BIGINT,
    digested_at     BIGINT
);
CREATE INDEX deliberation_notification_account_idx ON deliberation_notification (account_id, deliberation_notification_id);
CREATE INDEX deliberation_notification_pending_idx ON deliberation_notification (digested_at, account_id);

-- Without a row, the daily digest is on.
CREATE TABLE notification_setting (
    account_id   BIGINT PRIMARY KEY CONSTRAINT notification_setting_account_fk REFERENCES account (account_id),
    daily_digest BOOLEAN NOT NULL
);
