-- The deadline watch looks every minute for the matters it has to move.
-- Its general indexes made it walk every open matter whose deadline had
-- passed, including the many flagged at the top already that it only
-- skips: seconds a round in a city of ten million. These partial indexes
-- hold only what the watch may act on, in the order it acts, so a round
-- reads its batch and no more. Their conditions are the watch's own, word
-- for word: SQLite uses a partial index only for a query that repeats them.
CREATE INDEX matter_due_idx ON matter (deadline_at)
    WHERE state IN ('registered', 'dispatched', 'in_progress') AND NOT (level = 'district' AND overdue = 1);
CREATE INDEX matter_resolved_idx ON matter (resolved_at)
    WHERE state = 'resolved';
