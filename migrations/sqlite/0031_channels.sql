-- Nobody left out: staff act for residents who come in person or phone,
-- and paper ballots are counted on tally sheets. Every act records how it
-- came in and, when staff entered it, who did.
ALTER TABLE matter ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CONSTRAINT matter_channel_check CHECK (channel IN ('online', 'in_person', 'phone'));
ALTER TABLE matter ADD COLUMN entered_by BIGINT CONSTRAINT matter_entered_by_fk REFERENCES account (account_id);
ALTER TABLE matter_support ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CONSTRAINT matter_support_channel_check CHECK (channel IN ('online', 'in_person', 'phone'));
ALTER TABLE matter_support ADD COLUMN entered_by BIGINT CONSTRAINT matter_support_entered_by_fk REFERENCES account (account_id);
ALTER TABLE topic ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CONSTRAINT topic_channel_check CHECK (channel IN ('online', 'in_person', 'phone'));
ALTER TABLE topic ADD COLUMN entered_by BIGINT CONSTRAINT topic_entered_by_fk REFERENCES account (account_id);
ALTER TABLE topic_support ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CONSTRAINT topic_support_channel_check CHECK (channel IN ('online', 'in_person', 'phone'));
ALTER TABLE topic_support ADD COLUMN entered_by BIGINT CONSTRAINT topic_support_entered_by_fk REFERENCES account (account_id);
ALTER TABLE ballot ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'
    CONSTRAINT ballot_channel_check CHECK (channel IN ('online', 'in_person', 'phone'));
ALTER TABLE ballot ADD COLUMN entered_by BIGINT CONSTRAINT ballot_entered_by_fk REFERENCES account (account_id);

-- A staff member acting for a resident, for as long as this session says.
CREATE TABLE assist_session (
    session_id  TEXT PRIMARY KEY CONSTRAINT assist_session_session_fk REFERENCES session (session_id) ON DELETE CASCADE,
    resident_id BIGINT NOT NULL CONSTRAINT assist_session_resident_fk REFERENCES account (account_id),
    channel     TEXT NOT NULL CONSTRAINT assist_session_channel_check CHECK (channel IN ('in_person', 'phone')),
    started_at  BIGINT NOT NULL
);

-- Paper ballots of a one-choice poll, counted at a polling station: the
-- counts per option (comma-separated, in the poll's order) and the spoiled
-- ballots. A sheet counts once a second staff member confirms it.
CREATE TABLE tally_sheet (
    tally_sheet_id INTEGER PRIMARY KEY,
    poll_id        BIGINT NOT NULL CONSTRAINT tally_sheet_poll_fk REFERENCES poll (poll_id),
    counts         TEXT NOT NULL,
    spoiled        INTEGER NOT NULL CONSTRAINT tally_sheet_spoiled_check CHECK (spoiled >= 0),
    entered_by     BIGINT NOT NULL CONSTRAINT tally_sheet_entered_by_fk REFERENCES account (account_id),
    entered_at     BIGINT NOT NULL,
    confirmed_by   BIGINT CONSTRAINT tally_sheet_confirmed_by_fk REFERENCES account (account_id),
    confirmed_at   BIGINT,
    CONSTRAINT tally_sheet_two_people CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by)
);
CREATE INDEX tally_sheet_poll_idx ON tally_sheet (poll_id, tally_sheet_id);
