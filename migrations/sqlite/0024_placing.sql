-- Where each grid lies (its centre), so that a report bringing only a
-- position (an Open311 client knows nothing of grids) lands in the
-- nearest grid. Cities that have not drawn their grids leave it empty.
ALTER TABLE grid ADD COLUMN latitude REAL;
ALTER TABLE grid ADD COLUMN longitude REAL;
CREATE INDEX grid_position_idx ON grid (latitude, longitude);

-- Reports Linli could not put in a grid by itself. Each waits at the
-- narrowest place its address named ('' when it named none) until staff
-- over that place choose the grid, which files it as a matter, by its
-- reporter, as of when it came in. The token is what the Open311 client
-- was given to ask about it.
CREATE TABLE matter_intake (
    intake_id       INTEGER PRIMARY KEY,
    token           TEXT NOT NULL CONSTRAINT matter_intake_token_key UNIQUE,
    reporter_id     BIGINT NOT NULL CONSTRAINT matter_intake_reporter_fk REFERENCES account (account_id),
    idempotency_key TEXT NOT NULL,
    place_code      TEXT NOT NULL,
    category_code   TEXT NOT NULL CONSTRAINT matter_intake_category_fk REFERENCES matter_category (category_code),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    address         TEXT,
    latitude        REAL,
    longitude       REAL,
    created_at      BIGINT NOT NULL,
    matter_id       BIGINT CONSTRAINT matter_intake_matter_fk REFERENCES matter (matter_id),
    placed_by       BIGINT CONSTRAINT matter_intake_placed_by_fk REFERENCES account (account_id),
    CONSTRAINT matter_intake_idempotency_key UNIQUE (reporter_id, idempotency_key)
);
CREATE INDEX matter_intake_waiting_idx ON matter_intake (place_code, created_at) WHERE matter_id IS NULL;
