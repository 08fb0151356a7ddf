-- Decision methods beside the one-choice poll. A poll states its method
-- and, where the method has one, its number (the minimum average of a
-- score poll, the dots of a dot vote, the budget in fen); a budget poll's
-- options carry their costs in fen, one per line. `rule` stays the
-- majority rule of one-choice and ranked polls.
ALTER TABLE poll ADD COLUMN method TEXT NOT NULL DEFAULT 'choice'
    CONSTRAINT poll_method_check CHECK (method IN ('choice', 'consent', 'ranked', 'score', 'dots', 'budget', 'meeting_time'));
ALTER TABLE poll ADD COLUMN threshold TEXT NOT NULL DEFAULT '';
ALTER TABLE poll ADD COLUMN costs TEXT;

-- Ballots of every method, as their compact marks (a choice, a stance,
-- ranks, scores, dots, approvals or availabilities). A consent ballot's
-- concern or block carries its reason, and a block the council's answer;
-- changing the ballot clears the answer, since a new block needs one.
CREATE TABLE ballot (
    ballot_id   INTEGER PRIMARY KEY,
    poll_id     BIGINT NOT NULL CONSTRAINT ballot_poll_fk REFERENCES poll (poll_id),
    account_id  BIGINT NOT NULL CONSTRAINT ballot_account_fk REFERENCES account (account_id),
    marks       TEXT NOT NULL,
    reason      TEXT,
    answer      TEXT,
    answered_by BIGINT CONSTRAINT ballot_answered_by_fk REFERENCES account (account_id),
    answered_at BIGINT,
    updated_at  BIGINT NOT NULL,
    CONSTRAINT ballot_once UNIQUE (poll_id, account_id)
);

INSERT INTO ballot (poll_id, account_id, marks, updated_at)
    SELECT poll_id, account_id, CAST(choice AS TEXT), updated_at FROM poll_ballot;
DROP TABLE poll_ballot;
