-- The in-app inbox: one row per person told about a change to a matter
-- they reported or support. Written in the transaction of the change.

CREATE TABLE notification (
    notification_id INTEGER PRIMARY KEY,
    account_id      BIGINT NOT NULL CONSTRAINT notification_account_fk REFERENCES account (account_id),
    matter_id       BIGINT NOT NULL CONSTRAINT notification_matter_fk REFERENCES matter (matter_id),
    kind            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    read_at         BIGINT
);
CREATE INDEX notification_account_idx ON notification (account_id, notification_id);
CREATE INDEX matter_queue_idx ON matter (level, state, deadline_at);
