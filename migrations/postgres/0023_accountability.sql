-- Public accountability (issue 23, part 1): what each matter needs for the
-- response, resolution and satisfaction rates, and the monthly sums the
-- rates page reads instead of scanning matters.

-- When the community's response window closes, set on filing; when it was
-- first answered (registered, refused, merged or referred); how many times
-- its deadline passed.
ALTER TABLE matter ADD COLUMN response_due_at BIGINT;
ALTER TABLE matter ADD COLUMN responded_at BIGINT;
ALTER TABLE matter ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;

-- Matters filed before: answered and escalated as their timelines say; the
-- window is taken as one day, as no calendar was kept for them.
UPDATE matter SET
    responded_at = (SELECT MIN(e.created_at) FROM matter_event e WHERE e.matter_id = matter.matter_id
                    AND e.kind IN ('registered', 'rejected', 'merged', 'referred')),
    escalations = (SELECT COUNT(*) FROM matter_event e WHERE e.matter_id = matter.matter_id
                   AND e.kind = 'escalated'),
    response_due_at = created_at + 86400000;

-- Working days a community has to answer a new report.
ALTER TABLE community ADD COLUMN response_days INTEGER NOT NULL DEFAULT 1
    CONSTRAINT community_response_days_check CHECK (response_days BETWEEN 1 AND 10);

-- Sums per place and month reported (YYYYMM, Beijing time). Place '' is the
-- whole city; then district, street, community and grid codes. Kept by
-- every step in the step's own transaction.
CREATE TABLE matter_month (
    month               INTEGER NOT NULL,
    place               TEXT NOT NULL,
    -- The place's code length: its level, so a level's rows are one range.
    depth               INTEGER NOT NULL,
    reported            BIGINT NOT NULL DEFAULT 0,
    responded_in_time   BIGINT NOT NULL DEFAULT 0,
    accepted            BIGINT NOT NULL DEFAULT 0,
    judged              BIGINT NOT NULL DEFAULT 0,
    resolved_in_time    BIGINT NOT NULL DEFAULT 0,
    closed              BIGINT NOT NULL DEFAULT 0,
    closed_in_community BIGINT NOT NULL DEFAULT 0,
    rated               BIGINT NOT NULL DEFAULT 0,
    satisfied           BIGINT NOT NULL DEFAULT 0,
    overdue             BIGINT NOT NULL DEFAULT 0,
    escalations         BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT matter_month_pkey PRIMARY KEY (month, place)
);
CREATE INDEX matter_month_place_idx ON matter_month (place, month);
CREATE INDEX matter_month_level_idx ON matter_month (month, depth, place);

-- Closed matters per place, month reported and whole days to close
-- (capped at 90), for the median.
CREATE TABLE matter_month_close (
    month  INTEGER NOT NULL,
    place  TEXT NOT NULL,
    depth  INTEGER NOT NULL,
    days   INTEGER NOT NULL,
    closed BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT matter_month_close_pkey PRIMARY KEY (month, place, days)
);
CREATE INDEX matter_month_close_place_idx ON matter_month_close (place, month);
CREATE INDEX matter_month_close_level_idx ON matter_month_close (month, depth, place);
