-- The item list (事项清单) each community publishes: duties by law, duties
-- it assists government with, work that is not its own and certificates it
-- must not issue, with the legal basis or the body responsible. Base items
-- (community_code NULL) apply to every community of their scope: 'urban'
-- covers urban and industrial communities, 'rural' villages. An item for
-- one community alone names it.

CREATE TABLE list_item (
    list_item_id    INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CONSTRAINT list_item_kind_check CHECK (kind IN ('duty', 'assist', 'not_ours', 'no_certificate')),
    scope           TEXT NOT NULL CONSTRAINT list_item_scope_check CHECK (scope IN ('all', 'urban', 'rural')),
    community_code  TEXT CONSTRAINT list_item_community_fk REFERENCES community (code),
    title_zh        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    detail_zh       TEXT NOT NULL,
    detail_en       TEXT NOT NULL,
    -- Search terms (service::search) of the title and of the detail, in
    -- both languages, space-separated: computed once when written.
    title_terms     TEXT NOT NULL,
    detail_terms    TEXT NOT NULL,
    position        INTEGER NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX list_item_scope_idx ON list_item (scope, kind, position);
CREATE INDEX list_item_community_idx ON list_item (community_code) WHERE community_code IS NOT NULL;
