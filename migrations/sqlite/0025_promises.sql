-- Supporters that oblige a community's council to take a matter or topic
-- up; NULL keeps the default (5 % of households, at most 50).
ALTER TABLE community ADD COLUMN promise_supporters INTEGER
    CONSTRAINT community_promise_supporters_check CHECK (promise_supporters BETWEEN 1 AND 1000);

-- A promise: once a matter or topic reaches the threshold the council owes
-- its supporters a place on the agenda within 14 days and a written answer
-- within 30. Kept or broken is read from these dates, never set by hand.
CREATE TABLE promise (
    promise_id     INTEGER PRIMARY KEY,
    community_code TEXT NOT NULL CONSTRAINT promise_community_fk REFERENCES community (code),
    subject_kind   TEXT NOT NULL CONSTRAINT promise_subject_kind_check CHECK (subject_kind IN ('matter', 'topic')),
    subject_id     BIGINT NOT NULL,
    href           TEXT NOT NULL,
    title          TEXT NOT NULL,
    supporters     INTEGER NOT NULL,
    threshold      INTEGER NOT NULL,
    reached_at     BIGINT NOT NULL,
    agenda_due     BIGINT NOT NULL,
    answer_due     BIGINT NOT NULL,
    on_agenda_at   BIGINT,
    agenda_note    TEXT,
    answered_at    BIGINT,
    answer         TEXT,
    answered_by    BIGINT CONSTRAINT promise_answered_by_fk REFERENCES account (account_id),
    CONSTRAINT promise_subject_key UNIQUE (subject_kind, subject_id)
);
CREATE INDEX promise_place_idx ON promise (community_code, reached_at);
CREATE INDEX promise_due_idx ON promise (answer_due);
