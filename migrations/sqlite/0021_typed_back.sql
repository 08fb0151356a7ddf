-- What a person typed into a form that failed, kept for ten minutes so the
-- page can show it again without it travelling in the URL (where a long
-- text made headers no proxy accepts, and bids reached proxy logs). The
-- key is the SHA-256 of a secret in the person's cookie; the row is for one
-- page.
CREATE TABLE typed_back (
    typed_back_id TEXT NOT NULL CONSTRAINT typed_back_pkey PRIMARY KEY,
    path          TEXT NOT NULL,
    fields        TEXT NOT NULL,
    expires_at    BIGINT NOT NULL
);
CREATE INDEX typed_back_expires_idx ON typed_back (expires_at);
