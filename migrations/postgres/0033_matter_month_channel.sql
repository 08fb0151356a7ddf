-- The monthly sums split by how matters came in (online, at the counter,
-- by phone), kept by the same writes as `matter_month`, so the response,
-- on-time and satisfaction rates can be read per channel at any level. A
-- database with matters fills it on its next start (`fill_rollup`).
CREATE TABLE matter_month_channel (
    month               INTEGER NOT NULL,
    place               TEXT NOT NULL,
    depth               INTEGER NOT NULL,
    channel             TEXT NOT NULL CONSTRAINT matter_month_channel_channel_check CHECK (channel IN ('online', 'in_person', 'phone')),
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
    CONSTRAINT matter_month_channel_pkey PRIMARY KEY (month, place, channel)
);
