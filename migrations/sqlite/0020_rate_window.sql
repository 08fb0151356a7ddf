-- Requests counted per subject (an API token, a client address) in fixed
-- windows. Kept in the database so that every server instance sharing it
-- counts against the same limit.
CREATE TABLE rate_window (
    subject      TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    CONSTRAINT rate_window_pkey PRIMARY KEY (subject, window_start)
);
CREATE INDEX rate_window_start_idx ON rate_window (window_start);
