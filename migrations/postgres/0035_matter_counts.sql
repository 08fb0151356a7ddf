-- What the statistics page shows, kept as counts per place by the same
-- writes as `matter_month` (issue 22). The page used to group every
-- matter under its place: a second for a community of a ten-million-matter
-- city, far longer for a district or the whole city. It now reads a few
-- dozen rows. Place '' is the whole city; then district, street,
-- community and grid codes. A database with matters fills both tables on
-- its next start (`fill_rollup`).

-- Matters by state, channel and rating (0: not rated); `flagged`: open and
-- flagged overdue by the deadline watch; `local`: closed while still at
-- community level.
CREATE TABLE matter_count (
    place    TEXT NOT NULL,
    state    TEXT NOT NULL,
    channel  TEXT NOT NULL,
    rating   INTEGER NOT NULL,
    flagged  INTEGER NOT NULL,
    local    INTEGER NOT NULL,
    matters  BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT matter_count_pkey PRIMARY KEY (place, state, channel, rating, flagged, local)
);

-- Closed matters by severity and hours from report to closure, in the
-- steps of `close_hours_step`, for the median per severity.
CREATE TABLE matter_close_hours (
    place    TEXT NOT NULL,
    severity TEXT NOT NULL,
    hours    INTEGER NOT NULL,
    closed   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT matter_close_hours_pkey PRIMARY KEY (place, severity, hours)
);
