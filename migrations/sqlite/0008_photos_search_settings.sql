-- Photos attached to reports, the search index of matters, and each
-- community's own deadlines and category list.

-- A stored photo, named by the SHA-256 of its re-encoded JPEG; the file
-- itself lives under the data directory.
CREATE TABLE photo (
    photo_id   TEXT PRIMARY KEY,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    bytes      INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE matter_photo (
    matter_id INTEGER NOT NULL CONSTRAINT matter_photo_matter_fk REFERENCES matter (matter_id),
    position  INTEGER NOT NULL,
    photo_id  TEXT NOT NULL CONSTRAINT matter_photo_photo_fk REFERENCES photo (photo_id),
    PRIMARY KEY (matter_id, position)
);

-- Search terms of each matter (words, and character pairs of Chinese
-- text), computed by Linli so both engines index the same terms.
-- Contentless: only the index is kept; the rowid is the matter's id.
CREATE VIRTUAL TABLE matter_search USING fts5(
    terms, content = '', detail = 'none', tokenize = 'unicode61 remove_diacritics 0'
);

-- Handling deadlines a community set for itself; a severity without a
-- row keeps the default.
CREATE TABLE community_deadline (
    community_code TEXT NOT NULL CONSTRAINT community_deadline_community_fk REFERENCES community (code),
    severity       TEXT NOT NULL CONSTRAINT community_deadline_severity_check CHECK (severity IN ('minor', 'general', 'larger', 'major')),
    working_days   INTEGER NOT NULL CONSTRAINT community_deadline_days_check CHECK (working_days BETWEEN 1 AND 60),
    PRIMARY KEY (community_code, severity)
);

-- Categories a community does not offer to its residents.
CREATE TABLE community_category_off (
    community_code TEXT NOT NULL CONSTRAINT community_category_off_community_fk REFERENCES community (code),
    category_code  TEXT NOT NULL CONSTRAINT community_category_off_category_fk REFERENCES matter_category (category_code),
    PRIMARY KEY (community_code, category_code)
);
